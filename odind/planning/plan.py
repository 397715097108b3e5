"""One planning tick: which free printer starts which queued job, and why every other job waits.

Pure and synchronous: the dispatcher gathers candidates, calls `plan()`, and acts on the result.

Speed comes from grouping. Jobs that ask the same of a printer (file kind, model, nozzle, size,
tags, filaments) share one interned `Requirement`, and printers that offer the same (family,
model, volume, nozzle, tags) share a configuration, so the static checks are one small
group x configuration matrix. Filament and scoring only matter on printers that are free with a
clear plate, so they run against those alone. Per job, only its grams, print time (quiet hours)
and score are looked at, as vectors. A group that k free printers can take needs no more than its
k best jobs as candidates: any other job of the group a printer held could be swapped for one of
those left over without losing score.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from operator import attrgetter

import numpy as np

from odind.planning import wording
from odind.planning.assign import max_score_assignment
from odind.planning.model import (
    BAMBU_FAMILIES,
    GCODE_FAMILIES,
    NOMINAL_SPOOL_G,
    Assignment,
    JobCandidate,
    Need,
    Plan,
    PlanSettings,
    PrinterCandidate,
    Requirement,
    model_display,
)
from odind.planning.quiet import quiet_window

log = logging.getLogger(__name__)

# Up to this many free printers the assignment is exact (Hungarian); beyond, greedy (see _greedy).
EXACT_ROWS = 12

_JOB_FACTORS = ("priority", "due date", "time queued", "shortest job")
_PAIR_FACTORS = ("colour already loaded", "uses up a spool", "least-used printer", "few printers can take it",
                 "keeps printer types evenly loaded")


def plan(jobs: Sequence[JobCandidate], printers: Sequence[PrinterCandidate], now: float,
         settings: PlanSettings) -> Plan:
    """Start free printers on queued jobs, maximising the total score over all of them at once.

    The hard checks, in order: printer online and idle (and not held after a dispatch), plate
    clear, file compatible, fits, nozzle, filament loaded, enough filament, tags, quiet hours.
    """
    if not jobs:
        return Plan(assignments=[], waiting={})
    result = _Tick(jobs, printers, now, settings).run()
    log.debug("planned %d queued jobs on %d printers: %d to start", len(jobs), len(printers),
              len(result.assignments))
    return result


_Config = tuple[str, str, tuple[float, ...], float, frozenset[str]]
"""What makes printers interchangeable for a job: family, model, build volume, nozzle and tags."""

class _Tick:
    def __init__(self, jobs: Sequence[JobCandidate], printers: Sequence[PrinterCandidate], now: float,
                 settings: PlanSettings) -> None:
        self.jobs, self.printers, self.now, self.settings = jobs, printers, now, settings
        self.quiet = quiet_window(now, settings.blackout_start, settings.blackout_end, settings.tz)
        self.cache: dict[tuple[str, bytes], str] = {}

    def run(self) -> Plan:
        self._read_printers()
        self._group_jobs()
        self._static_checks()
        self._filament_checks()
        self._score_parts()
        reasons = self._group_reasons()
        overrides: dict[int, str] = {}
        candidates, ok_rows = self._candidates(overrides)
        assignments = self._assign(candidates, ok_rows)
        ids = self.ids
        waiting = dict(zip(ids, np.array(reasons, dtype=object)[self.gid].tolist(), strict=True))
        for index, reason in overrides.items():
            waiting[ids[index]] = reason
        for a in assignments:
            del waiting[a.job_id]
        return Plan(assignments=assignments, waiting=waiting, starved=self._starved())

    # -- printers ------------------------------------------------------------------------------

    def _read_printers(self) -> None:
        ps, now = self.printers, self.now
        self.names = [p.name for p in ps]
        self.model_names = [model_display(p.model_key) for p in ps]
        self.state = [
            "offline" if not p.online else "busy" if not p.idle
            else "starting a job" if p.held_until is not None and p.held_until > now else ""
            for p in ps
        ]
        available = np.array([not s for s in self.state], dtype=bool)
        clear = np.array([p.plate_clear for p in ps], dtype=bool)
        self.ready = np.flatnonzero(available & clear)  # free with a clear plate: "Q" below
        self.uncleared = np.flatnonzero(available & ~clear)
        self.waiting_on = np.concatenate([self.uncleared, np.flatnonzero(~available)])  # not ready
        configs: dict[_Config, int] = {}
        self.cfg = np.array([configs.setdefault(
            (p.family, p.model_key, tuple(p.build_volume_mm), round(p.nozzle_diameter, 2), p.tags), len(configs))
            for p in ps], dtype=np.int64)
        self.configs = list(configs)
        used = np.array([p.used_hours for p in ps], dtype=float)
        top = used.max() if used.size else 0.0
        self.wear = (1.0 - used / top) if top > 0 else np.ones(used.size)

    # -- jobs ----------------------------------------------------------------------------------

    def _group_jobs(self) -> None:
        n = len(self.jobs)
        index: dict[Requirement, int] = {}
        self.gid = np.array([index.setdefault(r, len(index)) for r in map(attrgetter("requirement"), self.jobs)],
                            dtype=np.int64)
        self.reqs = list(index)
        numbers = np.frombuffer(b"".join(map(attrgetter("packed"), self.jobs)), dtype=np.float64)
        ids, self.priority, self.created, self.due, self.print_time, self.max_grams = numbers.reshape(n, 6).T
        self.ids = ids.astype(np.int64).tolist()

    # -- checks --------------------------------------------------------------------------------

    def _static_checks(self) -> None:
        """Group x configuration: compatible, fits, nozzle, tags (the printer itself, not its state)."""
        reqs, cfgs = self.reqs, self.configs
        family = [c[0] for c in cfgs]
        bambu = np.array([f in BAMBU_FAMILIES for f in family], dtype=bool)
        gcode = np.array([f in GCODE_FAMILIES for f in family], dtype=bool)
        model = np.array([c[1] for c in cfgs], dtype=object)
        is_3mf = np.array([r.file_kind == "gcode.3mf" for r in reqs], dtype=bool)
        want = np.array([r.model or "" for r in reqs], dtype=object)
        self.compatible = np.where(
            is_3mf[:, None], bambu[None, :] & ((want[:, None] == "") | (want[:, None] == model[None, :])),
            gcode[None, :])
        volume = np.array([c[2] for c in cfgs], dtype=float).reshape(len(cfgs), 3)
        bbox = np.array([r.bbox or (0.0, 0.0, 0.0) for r in reqs], dtype=float)
        self.fits = np.asarray((bbox[:, None, :] <= volume[None, :, :] + 1e-6).all(axis=2))
        nozzle = np.array([np.nan if r.nozzle is None else r.nozzle for r in reqs], dtype=float)
        have = np.array([c[3] for c in cfgs], dtype=float)
        self.nozzle_ok: np.ndarray = np.isnan(nozzle)[:, None] | (np.abs(nozzle[:, None] - have[None, :]) < 0.005)
        self.tags_ok = np.array([[r.tags <= c[4] for c in cfgs] for r in reqs], dtype=np.bool_) \
            if any(r.tags for r in reqs) else np.ones((len(reqs), len(cfgs)), dtype=bool)
        self.capable = self.compatible & self.fits & self.nozzle_ok & self.tags_ok  # groups x configs

    def _filament_checks(self) -> None:
        """Need kinds x ready printers: loaded at all, largest and smallest matching spool (grams)."""
        kinds: dict[Need, int] = {}
        for r in self.reqs:
            for need in (*r.needs, *r.preferred):
                kinds.setdefault(need, len(kinds))
        k, ready = len(kinds), self.ready
        present = np.zeros((k + 1, ready.size), dtype=bool)
        present[k] = True  # padding row: "no need" is always met
        most = np.full((k + 1, ready.size), -np.inf)
        most[k] = np.inf
        least = np.full((k + 1, ready.size), np.inf)
        for q, p in enumerate(ready):
            for (material, colour), grams in self.printers[int(p)].slots:
                for key in ((material, colour), (material, None)) if colour else ((material, None),):
                    row = kinds.get(key)
                    if row is not None:
                        present[row, q] = True
                        most[row, q] = max(most[row, q], grams)
                        least[row, q] = min(least[row, q], grams)
        width = max(1, max(len(r.needs) for r in self.reqs))
        self.need_rows = np.full((len(self.reqs), width), k, dtype=np.int64)
        for g, r in enumerate(self.reqs):
            self.need_rows[g, :len(r.needs)] = [kinds[need] for need in r.needs]
        self.kinds, self.present, self.most, self.least = kinds, present, most, least
        self.capable_ready = self.capable[:, self.cfg[ready]]  # groups x ready printers
        self.loaded = present[self.need_rows].all(axis=1)
        self.startable = self.capable_ready & self.loaded

    # -- scores --------------------------------------------------------------------------------

    def _score_parts(self) -> None:
        s, now = self.settings, self.now
        slack = self.due - (now + self.print_time)
        urgency = np.where(np.isnan(slack), 0.0, np.clip(1.0 - np.nan_to_num(slack) / s.due_horizon_s, 0.0, 2.0))
        age = np.clip((now - self.created) / s.age_horizon_s, 0.0, 1.0)
        short = (1.0 - np.clip(self.print_time / s.long_job_s, 0.0, 1.0)) if s.shortest_job_first \
            else np.zeros_like(age)
        self.job_parts = np.stack([s.w_priority * self.priority, s.w_due * urgency, s.w_age * age,
                                   s.w_sjf * short], axis=1)
        self.job_score = self.job_parts.sum(axis=1)
        colour = self._colour_loaded()
        needs = self.need_rows < len(self.kinds)
        least = self.least[self.need_rows]  # groups x needs x ready printers
        spool = np.where(np.isfinite(least), 1.0 - np.clip(least / NOMINAL_SPOOL_G, 0.0, 1.0), 0.0)
        spool = (spool * needs[:, :, None]).sum(axis=1) / np.maximum(needs.sum(axis=1), 1)[:, None]
        per_config = np.bincount(self.cfg, minlength=len(self.configs))
        able = self.capable @ per_config
        self.scarcity = s.w_scarcity * (1.0 - able / max(1, len(self.printers)))
        self.pair_parts = np.stack(np.broadcast_arrays(
            s.w_colour * colour, s.w_spool * spool, s.w_wear * self.wear[self.ready][None, :],
            self.scarcity[:, None], s.w_balance * self._balance(able, per_config)), axis=2)
        self.pair_score = self.pair_parts.sum(axis=2)  # groups x ready printers

    def _colour_loaded(self) -> np.ndarray:
        """Groups x ready printers: share of the slicer's colours loaded, for jobs that take any colour
        (1 for the others: their colours are a hard check already)."""
        flexible = [g for g, r in enumerate(self.reqs) if r.any_colour and r.preferred]
        colour = np.ones((len(self.reqs), self.ready.size))
        if flexible:
            width = max(len(self.reqs[g].preferred) for g in flexible)
            rows = np.full((len(flexible), width), len(self.kinds), dtype=np.int64)
            for i, g in enumerate(flexible):
                rows[i, :len(self.reqs[g].preferred)] = [self.kinds[n] for n in self.reqs[g].preferred]
            real = rows < len(self.kinds)
            loaded = (self.present[rows] & real[:, :, None]).sum(axis=1)
            colour[flexible] = loaded / real.sum(axis=1)[:, None]
        return colour

    def _balance(self, able: np.ndarray, per_config: np.ndarray) -> np.ndarray:
        """Groups x ready printers: positive when the printer's share of the queue is lighter than that
        of the other printers able to take the group, negative when heavier (in balance_scale_s units).

        Each group's queued print time is spread evenly over the printers able to take it; a
        printer's load is the sum of its shares. A printer heavier than its group's average should
        leave that group to the others and keep itself for work only it can do (a big-bed printer
        should not spend the day on small parts while big parts queue for it alone).
        """
        work = np.bincount(self.gid, weights=self.print_time, minlength=len(self.reqs))
        share = work / np.maximum(able, 1)
        load = share @ self.capable  # per configuration, per printer of it
        average = (self.capable * (per_config * load)[None, :]).sum(axis=1) / np.maximum(able, 1)
        mine = load[self.cfg[self.ready]][None, :]
        return np.asarray(np.clip((average[:, None] - mine) / self.settings.balance_scale_s, -3.0, 3.0))

    # -- candidates ----------------------------------------------------------------------------

    def _candidates(self, overrides: dict[int, str]) -> tuple[np.ndarray, dict[int, np.ndarray]]:
        """Jobs worth offering to the assignment, and per-job feasibility rows where grams differ."""
        startable_any = self.startable.any(axis=1)
        reaching = startable_any[self.gid]  # jobs that get as far as the per-job checks
        quiet_ok = self._quiet_ok()
        if self.quiet is not None:
            texts = self._quiet_texts()
            too_long = self.print_time > self.quiet.daily_window_s
            for j in np.flatnonzero(reaching & ~quiet_ok).tolist():
                overrides[j] = texts[bool(too_long[j]) and not self.quiet.active]
        candidate = reaching & quiet_ok
        # Grams: a job whose largest need fits the smallest matching spool on every printer that could
        # take its group passes at once; only the others are checked one by one.
        spools = np.where(self.startable[:, None, :] & (self.need_rows < len(self.kinds))[:, :, None],
                          self.most[self.need_rows], np.inf)
        smallest = spools.min(axis=(1, 2)) if spools.size else np.full(len(self.reqs), np.inf)
        ok_rows: dict[int, np.ndarray] = {}
        extra = np.zeros(len(self.reqs), dtype=np.int64)
        doubtful = np.flatnonzero(candidate & (self.max_grams > smallest[self.gid]))
        doubtful = doubtful[np.argsort(self.gid[doubtful], kind="stable")]
        for g, members in _runs(doubtful, self.gid[doubtful]):
            rows = self.need_rows[g, :len(self.reqs[g].needs)]
            grams = np.array([self.jobs[j].grams for j in members], dtype=float).reshape(members.size, rows.size)
            enough = grams[:, :, None] <= self.most[rows][None, :, :]  # jobs x needs x ready
            ok = self.startable[g][None, :] & enough.all(axis=1)
            startable = ok.any(axis=1)
            for j, row in zip(members[startable].tolist(), ok[startable], strict=True):
                ok_rows[j] = row
            extra[g] += int(startable.sum())
            candidate[members[~startable]] = False
            for j, text in zip(members[~startable].tolist(),
                               self._short_reasons(g, grams[~startable], enough[~startable]), strict=True):
                overrides[j] = text
        index = np.flatnonzero(candidate)
        if index.size:  # by group, best score first: one float key sorts faster than lexsort
            score = self.job_score[index]
            low, span = score.min(), float(np.ptp(score)) + 1.0
            index = index[np.argsort(self.gid[index] * span + (span - 1.0 - (score - low)), kind="stable")]
        groups = self.gid[index]
        first = np.searchsorted(groups, groups, side="left")
        rank = np.arange(index.size) - first
        # one more than needed per group, so that an explanation can name the runner-up
        quota = self.startable.sum(axis=1) + extra + 1
        return index[rank < quota[groups]], ok_rows

    def _quiet_ok(self) -> np.ndarray:
        q = self.quiet
        if q is None:
            return np.ones(len(self.jobs), dtype=bool)
        if q.active:
            return np.zeros(len(self.jobs), dtype=bool)
        return self.now + self.print_time <= q.next_start

    # -- assignment ----------------------------------------------------------------------------

    def _assign(self, candidates: np.ndarray, ok_rows: dict[int, np.ndarray]) -> list[Assignment]:
        rows = np.flatnonzero(self.startable.any(axis=0))  # ready printers that can start something
        if candidates.size == 0 or rows.size == 0:
            return []
        if rows.size > EXACT_ROWS:
            return self._greedy(candidates, ok_rows)
        groups = self.gid[candidates]
        feasible = self.startable[groups][:, rows].T
        for c, j in enumerate(candidates):
            row = ok_rows.get(int(j))
            if row is not None:
                feasible[:, c] &= row[rows]
        score = np.where(feasible, self.job_score[candidates][None, :] + self.pair_score[groups][:, rows].T,
                         -np.inf)
        pairs = max_score_assignment(score)
        taken = {c: r for r, c in pairs}
        out = []
        for r, c in pairs:
            note = self._rival_note(score[r], c, candidates, int(rows[r]), taken, rows)
            out.append(self._assignment(int(candidates[c]), int(rows[r]), note))
        return out

    def _greedy(self, candidates: np.ndarray, ok_rows: dict[int, np.ndarray]) -> list[Assignment]:
        """Jobs in score order each take their best free printer; then each printer still free tries
        one augmenting step (take a job from a printer that can move on to a job nobody took).

        No free printer is left while a job it could take waits: it would have been offered each of
        that job's group's candidates in turn, and a group has as many candidates as printers able
        to take it.
        """
        order = candidates[np.argsort(-(self.job_score[candidates] + self.scarcity[self.gid[candidates]]),
                                      kind="stable")]
        free = np.ones(self.ready.size, dtype=bool)
        job_on: dict[int, int] = {}  # ready printer -> job
        left = int(self.startable.any(axis=0).sum())
        exhausted = [False] * len(self.reqs)
        spare: list[int] = []  # candidates nobody took, best first
        for j, g in zip(order.tolist(), self.gid[order].tolist(), strict=True):
            if exhausted[g] or not left:
                spare.append(j)
                continue
            options = self._options(j, g, free, ok_rows)
            if not options.any():
                exhausted[g] = j not in ok_rows
                spare.append(j)
                continue
            q = int(np.argmax(np.where(options, self.pair_score[g], -np.inf)))
            free[q] = False
            job_on[q] = j
            left -= 1
        self._augment(free, job_on, spare, ok_rows)
        return [self._assignment(j, q, "greedy pass: many printers free at once") for q, j in job_on.items()]

    def _options(self, j: int, g: int, free: np.ndarray, ok_rows: dict[int, np.ndarray]) -> np.ndarray:
        options = self.startable[g] & free
        row = ok_rows.get(j)
        return np.asarray(options & row if row is not None else options)

    def _augment(self, free: np.ndarray, job_on: dict[int, int], spare: list[int],
                 ok_rows: dict[int, np.ndarray]) -> None:
        waiting_by_group: dict[int, list[int]] = {}
        for j in spare:
            if j not in ok_rows:
                waiting_by_group.setdefault(int(self.gid[j]), []).append(j)
        for q in np.flatnonzero(free & self.startable.any(axis=0)).tolist():
            for other, j in list(job_on.items()):
                if not self.startable[self.gid[j], q] or (j in ok_rows and not ok_rows[j][q]):
                    continue
                able = [g for g in np.flatnonzero(self.startable[:, other]).tolist() if waiting_by_group.get(g)]
                if not able:
                    continue
                g = max(able, key=lambda g: self.job_score[waiting_by_group[g][0]])
                job_on[q], job_on[other] = j, waiting_by_group[g].pop(0)
                free[q] = False
                break

    def _assignment(self, j: int, q: int, note: str) -> Assignment:
        job, printer = self.jobs[j], self.printers[int(self.ready[q])]
        parts = self._parts(j, q)
        labels = _JOB_FACTORS + _PAIR_FACTORS
        top = sorted(((v, name) for v, name in zip(parts, labels, strict=True) if abs(v) >= 0.05),
                     reverse=True)[:3]
        total = float(parts.sum())
        text = f"job {job.id} on {printer.name}: score {total:.1f}"
        if top:
            text += " (" + ", ".join(f"{name} {v:+.1f}" for v, name in top) + ")"
        return Assignment(job_id=job.id, printer_id=printer.id, score=total, explanation=f"{text}; {note}")

    def _rival_note(self, row_scores: np.ndarray, c: int, candidates: np.ndarray, q: int,
                    taken: dict[int, int], rows: np.ndarray) -> str:
        """Why this job and not the next best one for the same printer."""
        others = np.flatnonzero(np.isfinite(row_scores))
        others = others[others != c]
        name = self.names[int(self.ready[q])]
        if not others.size:
            return f"the only job that can start on {name} now"
        rival = int(others[np.argmax(row_scores[others])])
        rival_job = self.jobs[int(candidates[rival])]
        if row_scores[rival] > row_scores[c]:
            taker = taken.get(rival)
            where = (f"went to {self.names[int(self.ready[rows[taker]])]}" if taker is not None
                     else "waits")
            return (f"job {rival_job.id} would score {row_scores[rival]:.1f} here but {where}, "
                    "which lets more printers start or raises the farm-wide total")
        gap = self._parts(int(candidates[c]), q) - self._parts(int(candidates[rival]), q)
        win = int(np.argmax(gap))
        labels = _JOB_FACTORS + _PAIR_FACTORS
        lead = f"ahead of job {rival_job.id} on {labels[win]} ({gap[win]:+.1f})" if gap[win] > 0 \
            else f"tied with job {rival_job.id}"
        return lead

    def _parts(self, j: int, q: int) -> np.ndarray:
        return np.concatenate([self.job_parts[j], self.pair_parts[self.gid[j], q]])

    # -- waiting reasons -----------------------------------------------------------------------

    def _group_reasons(self) -> list[str]:
        """The most specific reason across printers, per group.

        A printer able to take the job (every static check passes) says more than one that never
        could, so those are consulted first, and among them the one that got furthest through the
        checks speaks: loaded but all taken > free but lacking filament > plate not cleared >
        busy or offline. When no printer is able, the one furthest through the static checks speaks.
        """
        capable_any = self.capable.any(axis=1)
        startable = self.startable.any(axis=1)
        lacking = self.capable_ready.any(axis=1) & ~startable
        uncleared = self.capable[:, self.cfg[self.uncleared]].any(axis=1)
        missing = self._missing(np.flatnonzero(lacking))
        elsewhere = self._loaded_elsewhere(np.flatnonzero(lacking))
        reasons = []
        for g in range(len(self.reqs)):
            held = elsewhere.get(g)
            if startable[g]:
                reasons.append(self._cached("queued", self.startable[g], self._queued_text))
            elif held is not None:
                reasons.append(self._cached("held", held, self._held_text))
            elif lacking[g]:
                where = self._cached("choice", self.capable[g], self._choice_text)
                reasons.append(f"waiting for filament: {wording.needs_text(missing[g])} on {where}")
            elif uncleared[g]:
                reasons.append(self._cached("plate", self.capable[g], self._plate_text))
            elif capable_any[g]:
                reasons.append(self._cached("busy", self.capable[g], self._busy_text))
            else:
                reasons.append(self._static_reason(g))
        return reasons

    def _starved(self) -> list[int]:
        """Ready printers able to take some queued job, none of which has its filament loaded there:
        idle for want of a spool swap, which the utilisation figures show apart."""
        lacking = self.capable_ready.any(axis=0) & ~self.startable.any(axis=0)
        return sorted(self.printers[p].id for p in self.ready[lacking].tolist())

    def _loaded_elsewhere(self, groups: np.ndarray) -> dict[int, np.ndarray]:
        """Per group lacking filament on every free printer: the printers able to take it that have the
        filament loaded but wait on a plate or a print (a mask over self.waiting_on), when there are
        any. Clearing that plate or letting that print end starts the job sooner than a swap."""
        waiting = self.waiting_on
        if not groups.size or not waiting.size:
            return {}
        k = len(self.kinds)
        present = np.zeros((k + 1, waiting.size), dtype=bool)
        present[k] = True
        for q, p in enumerate(waiting.tolist()):
            for (material, colour), _ in self.printers[p].slots:
                for key in ((material, colour), (material, None)) if colour else ((material, None),):
                    row = self.kinds.get(key)
                    if row is not None:
                        present[row, q] = True
        loaded = present[self.need_rows[groups]].all(axis=1) & self.capable[groups][:, self.cfg[waiting]]
        return {int(g): loaded[i] for i, g in enumerate(groups.tolist()) if loaded[i].any()}

    def _held_text(self, mask: np.ndarray) -> str:
        printers = self.waiting_on[mask]
        plates = [self.names[p] for p in printers if not self.state[p]]  # free but for the plate
        if plates:
            return f"plate not cleared on {wording.names_text(plates)}"
        return "waiting for a free printer: " + wording.names_text([f"{self.names[p]} {self.state[p]}"
                                                                     for p in printers])

    def _cached(self, kind: str, mask: np.ndarray, build: Callable[[np.ndarray], str]) -> str:
        key = (kind, mask.tobytes())
        text = self.cache.get(key)
        if text is None:
            text = self.cache[key] = build(mask)
        return text

    def _printers_of(self, capable_cfg: np.ndarray) -> np.ndarray:
        return np.flatnonzero(capable_cfg[self.cfg])

    def _queued_text(self, startable: np.ndarray) -> str:
        printers = self.ready[startable]
        where = wording.choice_text([self.names[p] for p in printers], [self.model_names[p] for p in printers])
        return f"queued behind higher-scoring jobs for {where}"

    def _choice_text(self, capable_cfg: np.ndarray) -> str:
        printers = self._printers_of(capable_cfg)
        return wording.choice_text([self.names[p] for p in printers], [self.model_names[p] for p in printers])

    def _plate_text(self, capable_cfg: np.ndarray) -> str:
        printers = np.intersect1d(self._printers_of(capable_cfg), self.uncleared)
        return f"plate not cleared on {wording.names_text([self.names[p] for p in printers])}"

    def _busy_text(self, capable_cfg: np.ndarray) -> str:
        printers = self._printers_of(capable_cfg)
        return "waiting for a free printer: " + wording.names_text(
            [f"{self.names[p]} {self.state[p]}" for p in printers])

    def _missing(self, groups: np.ndarray) -> dict[int, list[Need]]:
        """Per group: the needs not loaded on the able, ready printer that lacks the fewest."""
        if not groups.size:
            return {}
        present = self.present[self.need_rows[groups]]  # groups x needs x ready
        count = np.where(self.capable_ready[groups], present.sum(axis=1), -1)
        best = count.argmax(axis=1)
        lack: np.ndarray = ~present[np.arange(groups.size), :, best]
        return {int(g): [self.reqs[g].needs[n] for n in np.flatnonzero(lack[i][:len(self.reqs[g].needs)])]
                for i, g in enumerate(groups)}

    def _static_reason(self, g: int) -> str:
        req = self.reqs[g]
        checks = np.stack([self.compatible[g], self.fits[g], self.nozzle_ok[g], self.tags_ok[g]])
        reached = np.where(checks.all(axis=0), checks.shape[0], np.argmin(checks, axis=0))
        furthest = int(reached.max()) if reached.size else 0
        if furthest == 0:
            if req.file_kind == "gcode":
                return "no printer takes plain G-code: it needs a Marlin, Klipper, OctoPrint or PrusaLink printer"
            if req.model is None:
                return "no Bambu Lab printer to take this 3MF"
            name = model_display(req.model)
            return f"no {name} to take this file (sliced for a Bambu Lab {name})"
        if furthest == 1:
            return f"no printer fits {wording.size_text(req.bbox or ())}"
        if furthest == 2:
            return f"no printer with a {req.nozzle:g} mm nozzle can take this file"
        near = self.configs[int(np.flatnonzero(reached == furthest)[0])]
        return f"no suitable printer has the tag(s) {', '.join(sorted(req.tags - near[4]))}"

    def _short_reasons(self, g: int, grams: np.ndarray, enough: np.ndarray) -> list[str]:
        """Per job short of filament, worded for the printer that can hold the most of its needs."""
        printers = np.flatnonzero(self.startable[g])
        enough = enough[:, :, printers]  # jobs x needs x able ready printers
        best = enough.sum(axis=1).argmax(axis=1)
        pick = np.arange(best.size)
        need = enough[pick, :, best].argmin(axis=1)
        left = self.most[self.need_rows[g, need], printers[best]]
        return [f"not enough filament: {wording.need_text(self.reqs[g].needs[n])} needs {grams[i, n]:.0f} g, "
                f"{self.names[int(self.ready[printers[b]])]} has {lg:.0f} g left"
                for i, (n, b, lg) in enumerate(zip(need.tolist(), best.tolist(), left.tolist(), strict=True))]

    def _quiet_texts(self) -> tuple[str, str]:
        """(for a job that can wait for the next window, for one longer than any window)"""
        q = self.quiet
        assert q is not None
        ends = _clock(q.ends_at, self.settings)
        never = (f"longer than the {wording.duration_text(q.daily_window_s)} between quiet hours: "
                 "it can never start unless quiet hours change")
        if q.active:
            return f"quiet hours until {ends}", never
        return (f"would still be printing when quiet hours start at {_clock(q.next_start, self.settings)}; "
                f"waits until {ends}"), never


def _runs(items: np.ndarray, keys: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """(key, items) for each run of equal keys in `keys` (already sorted)."""
    if not items.size:
        return
    cuts = np.flatnonzero(np.diff(keys)) + 1
    for part, key_part in zip(np.split(items, cuts), np.split(keys, cuts), strict=True):
        yield int(key_part[0]), part


def _clock(epoch: float, settings: PlanSettings) -> str:
    return datetime.fromtimestamp(epoch, settings.tz).strftime("%H:%M")
