"""Proposed lines from a free-text note: "2x red fox, 1 walnut in shell, gift wrap" → (FOX, 2), (WALNUT, 1).

Runs on the shelf node, no cloud. A note is cut into fragments (commas, new lines, "and", "+", and
their German, French and Spanish words); in each, a quantity is read (digits, "x2", "2 pcs", number
words in four languages, "pair", "dozen") and the rest is matched against each product's name, SKU and
aliases with rapidfuzz (token-set and partial ratios on plural-folded words), so typos and plurals
still match. Colour and variant words are kept beside the line for the shop to read. What comes out is a
proposal: the shop reviews it line by line, and nothing here changes an order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

THRESHOLD = 82.0  # tuned on bench/notes/labelled.json: below it, gift notes and chatter start to match
AMBIGUOUS = 1.0  # two products scoring within this of each other: propose neither

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "pair": 2, "couple": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12,
    "ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "funf": 5, "sechs": 6, "zehn": 10,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "dix": 10,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "diez": 10,
}
COLOURS = frozenset({
    "red", "blue", "green", "yellow", "orange", "purple", "pink", "black", "white", "grey", "gray", "silver", "gold",
    "brown", "walnut", "natural", "clear", "transparent", "glow", "rainbow", "teal", "navy", "beige", "marble",
    "rot", "blau", "grün", "grun", "gelb", "schwarz", "weiss", "weiß", "rouge", "bleu", "vert", "noir", "blanc",
    "rojo", "azul", "verde", "negro", "blanco", "large", "small", "medium", "mini", "xl",
})
_SPLIT = re.compile(r"[\n;,/|+&]|\b(?:and|plus|also|und|sowie|et|y|e)\b", re.IGNORECASE)
_QTY_BEFORE = re.compile(r"^\s*(\d{1,4})\s*(?:x|×|pcs?|pieces?|st(?:ück|uck|k)?\.?|stk\.?|units?)?\b\s*", re.I)
_QTY_AFTER = re.compile(r"\s*(?:x|×|\*)\s*(\d{1,4})\s*$|\s+(\d{1,4})\s*(?:pcs?|pieces?|stk|units?)\s*$", re.I)
_QTY_X_BEFORE = re.compile(r"^\s*(?:x|×)\s*(\d{1,4})\b\s*", re.I)
_WORD = re.compile(r"[a-z0-9äöüßéèêàçñ]+")
_FILLER = frozenset({"please", "pls", "plz", "the", "of", "in", "with", "for", "my", "our", "i", "we", "would", "like",
                     "want", "need", "order", "get", "bitte", "s'il", "vous", "plait", "por", "favor", "de", "der",
                     "die", "das", "le", "la", "les", "el", "los", "las", "x", "pcs", "pc", "piece", "pieces", "also"})


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    product_id: int
    sku: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Proposal:
    product_id: int
    sku: str
    name: str
    quantity: int
    score: float  # 0-100: how well the words matched the product
    fragment: str  # the words of the note it was read from
    variants: tuple[str, ...] = field(default_factory=tuple)  # colour and size words seen beside it


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return text.replace("’", "'").replace("–", "-")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_singular(w) for w in _WORD.findall(_fold(text))]


_X_QTY = re.compile(r"(?:^|\s)(?:x|×)\s*(\d{1,4})\b|\b(\d{1,4})\s*(?:x|×)(?=\s|$)", re.IGNORECASE)
_BARE_QTY = re.compile(r"(?<![\w.-])(\d{1,4})(?![\w.-])")


def _quantity(fragment: str) -> tuple[int | None, str]:
    """The quantity a fragment names ("2x", "x 2", "2", "two", "a pair", "half a dozen") and the rest of it."""
    text = _fold(fragment)
    for pattern in (_X_QTY, _BARE_QTY):
        found = pattern.search(text)
        if found:
            return int(next(g for g in found.groups() if g)), text[:found.start()] + " " + text[found.end():]
    words = _WORD.findall(text)
    if "half" in words and "dozen" in words:
        return 6, " ".join(w for w in words if w not in ("half", "a", "dozen"))
    for index, word in enumerate(words):
        if word in NUMBER_WORDS and word not in ("a", "an"):
            count = NUMBER_WORDS[word]
            if word != "dozen" and index + 1 < len(words) and words[index + 1] == "dozen":
                count *= 12
            return count, " ".join(words[:index] + words[index + 1:])
    return None, text


def _names(entry: CatalogEntry) -> list[str]:
    return [" ".join(_words(entry.name)), *(" ".join(_words(alias)) for alias in entry.aliases)]


def _distinctive(catalog: Sequence[CatalogEntry]) -> dict[int, set[str]]:
    """Per product, the words of its names no other product has ("fox", "lamp"; not "stand" when there
    are two stands): one of them alone is enough to name it."""
    owners: dict[str, set[int]] = {}
    for entry in catalog:
        for name in _names(entry):
            for word in name.split():
                if len(word) >= 3:
                    owners.setdefault(word, set()).add(entry.product_id)
    found: dict[int, set[str]] = {}
    for word, ids in owners.items():
        if len(ids) == 1:
            found.setdefault(next(iter(ids)), set()).add(word)
    return found


def _names_word(words: list[str], distinctive: set[str]) -> bool:
    for word in words:
        for own in distinctive:
            if word == own or (len(own) >= 5 and len(word) >= 4 and fuzz.ratio(word, own) >= 85):
                return True
    return False


def _score(words: list[str], tokens: list[str], entry: CatalogEntry, distinctive: set[str]) -> float:
    if not words:
        return 0.0
    if _fold(entry.sku) in tokens:
        return 100.0
    text = " ".join(words)
    best = 90.0 if _names_word(words, distinctive) else 0.0
    for name in _names(entry):
        if not name:
            continue
        # token_set: word order and extra words ("a red fox please") do not matter; the name's words must be there
        # (typos forgiven by the character ratio); partial: a fragment that is mostly the name
        set_ratio = fuzz.token_set_ratio(text, name)
        partial = fuzz.partial_ratio(name, text) if len(name) >= 5 else 0.0
        coverage = fuzz.token_sort_ratio(" ".join(w for w in words if w not in COLOURS), name)
        best = max(best, set_ratio * 0.6 + max(partial, coverage) * 0.4)
    return best


def propose(note: str, catalog: Sequence[CatalogEntry], *, threshold: float = THRESHOLD) -> list[Proposal]:
    """Lines a note seems to ask for, best match per fragment, in the order the note names them."""
    proposals: list[Proposal] = []
    distinctive = _distinctive(catalog)
    for raw in _SPLIT.split(note or ""):
        if raw is None or not raw.strip():
            continue
        quantity, rest = _quantity(raw)
        tokens = re.findall(r"[\w-]+", _fold(raw))
        words = [w for w in _words(rest) if w not in _FILLER and w not in NUMBER_WORDS and not w.isdigit()]
        if not (words or tokens) or quantity == 0:
            continue
        scored = sorted(((_score(words, tokens, entry, distinctive.get(entry.product_id, set())), entry)
                         for entry in catalog), key=lambda pair: -pair[0])
        if not scored or scored[0][0] < threshold:
            continue
        if len(scored) > 1 and scored[1][0] >= scored[0][0] - AMBIGUOUS:
            continue  # "a stand" with a phone stand and a headphone stand in the catalog: the shop decides
        score, entry = scored[0]
        name_words = set(_words(entry.name))
        variants = tuple(w for w in words if w in COLOURS and w not in name_words)
        proposals.append(Proposal(product_id=entry.product_id, sku=entry.sku, name=entry.name,
                                  quantity=quantity or 1, score=round(score, 1), fragment=raw.strip(),
                                  variants=variants))
    return _merged(proposals)


def _merged(proposals: list[Proposal]) -> list[Proposal]:
    """One line per product and variant: "a fox … another fox" is two foxes."""
    merged: dict[tuple[int, tuple[str, ...]], Proposal] = {}
    for p in proposals:
        key = (p.product_id, p.variants)
        if key in merged:
            seen = merged[key]
            merged[key] = Proposal(product_id=p.product_id, sku=p.sku, name=p.name, quantity=seen.quantity + p.quantity,
                                   score=max(seen.score, p.score), fragment=f"{seen.fragment}; {p.fragment}",
                                   variants=p.variants)
        else:
            merged[key] = p
    return list(merged.values())
