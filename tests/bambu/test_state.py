"""Delta merging, the mapping of reports onto driver state, and AMS mapping. No network."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odind.drivers.bambu.ams import ams_mapping
from odind.drivers.bambu.state import ReportState, interpret, merge
from odind.drivers.base import DriverError
from odind.vocabulary import FilamentNeed, LoadedFilament, PrinterState


def _full() -> dict[str, Any]:
    return {
        "command": "push_status", "msg": 0, "gcode_state": "RUNNING", "mc_percent": 40,
        "mc_remaining_time": 12, "layer_num": 30, "total_layer_num": 75, "subtask_name": "odind-3",
        "nozzle_temper": 219.5, "nozzle_target_temper": 220, "bed_temper": 55, "bed_target_temper": 55,
        "print_error": 0, "hms": [],
        "ams": {"tray_now": "1", "ams": [{"id": "0", "humidity": "4", "tray": [
            {"id": "0", "tray_type": "PLA", "tray_color": "FF0000FF", "remain": 80},
            {"id": "1", "tray_type": "PETG", "tray_color": "00ff00ff", "remain": 20},
            {"id": "2"}, {"id": "3"}]}]},
        "vt_tray": {"id": "254", "tray_type": "TPU", "tray_color": "000000FF", "remain": -1},
    }


def test_merge_is_deep_for_objects_and_whole_for_lists() -> None:
    base = {"a": 1, "nested": {"x": 1, "y": {"z": 1}}, "items": [1, 2, 3]}
    merge(base, {"nested": {"y": {"w": 2}}, "items": [9], "new": {"k": 1}})
    assert base == {"a": 1, "nested": {"x": 1, "y": {"z": 1, "w": 2}}, "items": [9], "new": {"k": 1}}


def test_merge_does_not_alias_the_delta() -> None:
    base: dict[str, Any] = {}
    delta = {"ams": {"tray_now": "1"}}
    merge(base, delta)
    delta["ams"]["tray_now"] = "2"
    assert base["ams"]["tray_now"] == "1"


def test_full_report_replaces_and_delta_merges() -> None:
    state = ReportState()
    assert not state.apply({"msg": 1, "stale_key": 1})
    assert state.apply(_full())
    assert "stale_key" not in state.print
    assert not state.apply({"msg": 1, "mc_percent": 40})  # the AMS is untouched
    assert state.apply({"msg": 1, "command": "push_status", "mc_percent": 41, "ams": {"tray_now": "0"}})
    assert state.print["mc_percent"] == 41
    assert state.print["ams"]["tray_now"] == "0" and len(state.print["ams"]["ams"]) == 1
    state.apply({"msg": 1, "ams": {"ams": []}})
    assert state.print["ams"]["ams"] == [] and state.print["ams"]["tray_now"] == "0"


def test_interpret_running_report() -> None:
    snap = interpret(_full())
    assert snap.state == PrinterState.PRINTING and snap.subtask == "odind-3"
    assert snap.progress == pytest.approx(0.4) and snap.time_left_s == 720
    assert (snap.layer, snap.total_layers) == (30, 75)
    assert snap.temperatures["tool0"].actual == 219.5 and snap.temperatures["tool0"].target == 220
    assert [(f.slot, f.material, f.colour, f.remaining_pct) for f in snap.filaments] == [
        ("0", "PLA", "#FF0000", 80.0), ("1", "PETG", "#00FF00", 20.0), ("ext", "TPU", "#000000", None)]
    assert snap.tray_now == "1"


def test_tray_slots_use_the_ams_id() -> None:
    report = {"ams": {"ams": [{"id": "1", "tray": [{"id": "2", "tray_type": "ABS"}]}]}}
    assert [f.slot for f in interpret(report).filaments] == ["6"]


@pytest.mark.parametrize(("gcode_state", "print_error", "expected"), [
    ("IDLE", 0, PrinterState.IDLE), ("PREPARE", 0, PrinterState.PREPARING),
    ("SLICING", 0, PrinterState.PREPARING), ("RUNNING", 0, PrinterState.PRINTING),
    ("PAUSE", 0, PrinterState.PAUSED), ("FINISH", 0, PrinterState.FINISHED),
    ("FAILED", 0x0300400C, PrinterState.IDLE), ("FAILED", 0x07008011, PrinterState.ERROR),
    ("FAILED", 0, PrinterState.IDLE), ("UNKNOWN", 0, PrinterState.IDLE), ("running", 0, PrinterState.PRINTING),
])
def test_gcode_state_mapping(gcode_state: str, print_error: int, expected: PrinterState) -> None:
    snap = interpret({"gcode_state": gcode_state, "print_error": print_error})
    assert snap.state == expected


def test_cancel_is_not_a_fault() -> None:
    snap = interpret({"gcode_state": "FAILED", "print_error": 50348044})
    assert snap.cancelled and snap.print_error == "0300_400C" and snap.message is None
    fault = interpret({"gcode_state": "FAILED", "print_error": 0x07008011})
    assert not fault.cancelled and fault.message == "print error 0700_8011"


def test_hms_codes_and_fatal_severity() -> None:
    snap = interpret({"gcode_state": "IDLE", "hms": [{"attr": 0x05000200, "code": 0x00030002},
                                                      {"attr": 0x03000100, "code": 0x00010001}]})
    assert snap.hms == [{"code": "HMS_0500_0200_0003_0002", "severity": "common"},
                        {"code": "HMS_0300_0100_0001_0001", "severity": "fatal"}]
    assert snap.state == PrinterState.ERROR and "HMS_0300_0100_0001_0001" in (snap.message or "")


def test_odd_values_are_dropped_not_fatal() -> None:
    snap = interpret({"gcode_state": 5, "mc_percent": "abc", "mc_remaining_time": "7", "layer_num": [1],
                      "nozzle_temper": {"x": 1}, "bed_temper": "55.5", "ams": "none", "vt_tray": 3,
                      "hms": [1, {"attr": "x"}], "print_error": None, "unknown": object()})
    assert snap.progress is None and snap.time_left_s == 420 and snap.layer is None
    assert "tool0" not in snap.temperatures and snap.temperatures["bed"].actual == 55.5
    assert snap.filaments == [] and snap.hms == []


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                     | st.text(max_size=4),
                     lambda children: st.lists(children, max_size=2)
                     | st.dictionaries(st.sampled_from(["id", "tray", "ams", "attr", "code"]), children,
                                       max_size=2), max_leaves=6)
_keys = st.sampled_from(["gcode_state", "mc_percent", "ams", "vt_tray", "hms", "print_error", "layer_num",
                         "nozzle_temper", "subtask_name", "mc_remaining_time", "msg"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(_keys, _json, max_size=4), max_size=4))
def test_any_sequence_of_reports_interprets(reports: list[dict[str, Any]]) -> None:
    state = ReportState()
    for report in reports:
        state.apply(report)
        interpret(state.print)


def _loaded() -> list[LoadedFilament]:
    return [LoadedFilament(slot="0", material="PLA", colour="#FF0000", remaining_pct=10),
            LoadedFilament(slot="3", material="PLA", colour="#FF0000", remaining_pct=90),
            LoadedFilament(slot="1", material="PETG", colour="#000000", remaining_pct=50),
            LoadedFilament(slot="ext", material="TPU", colour="#FFFFFF")]


def test_ams_mapping_prefers_the_fullest_matching_tray() -> None:
    needs = [FilamentNeed(material="pla", colour="#ff0000"), FilamentNeed(material="PETG"),
             FilamentNeed(material="TPU", colour="#FFFFFF")]
    assert ams_mapping(needs, _loaded(), use_ams=True) == [3, 1, 254]


def test_ams_mapping_refuses_a_wrong_colour() -> None:
    with pytest.raises(DriverError, match=r"filament 1 \(PLA #00FF00\) is not loaded"):
        ams_mapping([FilamentNeed(material="PLA", colour="#00FF00")], _loaded(), use_ams=True)


def test_without_ams_only_the_external_spool_counts() -> None:
    assert ams_mapping([FilamentNeed(material="TPU")], _loaded(), use_ams=False) == [254]
    with pytest.raises(DriverError):
        ams_mapping([FilamentNeed(material="PLA")], _loaded(), use_ams=False)
