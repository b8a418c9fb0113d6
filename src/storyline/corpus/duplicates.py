"""Copies: exact, near-duplicate and syndicated articles, with their lineage.

Every article is cut into word 5-gram shingles and summarised by a MinHash;
MinHash LSH (datasketch) proposes candidate pairs in near-linear time (no
all-pairs comparison). Each candidate is then checked on its real shingle sets:
a copy shares most of its text (Jaccard), or is almost wholly contained in the
other (a trimmed copy). Copies are joined into sets.

A set is **exact** when the texts are identical (after normalising case,
punctuation and spacing), **syndicated** when a wire agency is credited (PA,
Reuters, AP, AFP, ...) or the copies come from different outlets, and
**near-duplicate** otherwise (an outlet's own updated or scraped copies).
The **original** is the wire's own article if present, else the earliest
published, else the fullest text.

Two stories from the same wire on different days share background paragraphs
but are different reports: they count as copies only when nearly identical.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

from storyline.model import Article, DuplicateSet

SHINGLE = 5  # words per shingle
NUM_PERM = 128
LSH_THRESHOLD = 0.35  # candidates: estimated Jaccard from about this much
MIN_JACCARD = 0.45  # a copy shares nearly half its shingles with the other...
MIN_CONTAINMENT = 0.7  # ... or most of the shorter text is inside the longer one
# One wire, two days: two reports sharing background, unless one is (nearly) all
# inside the other (a client running the wire copy the next day).
SAME_WIRE_OTHER_DAY = 0.9
MIN_SHINGLES = 8  # texts shorter than this are compared for exact equality only

# Wire agencies: name -> patterns that credit them in a byline, a dateline or a sign-off.
WIRES: dict[str, tuple[str, ...]] = {
    "PA": (r"\bPA Media\b", r"\bPress Association\b", r"\bPA Reporter\b", r"\(PA\)\s*[-–—]",
           r"\bPA [A-Z][a-z]+(?: [A-Z][a-z]+)* Correspondent\b"),
    "Reuters": (r"\(Reuters\)", r"\bThomson Reuters\b", r"\bReporting by\b.*\bEditing by\b"),
    "AP": (r"\(AP\)", r"\bAssociated Press\b"),
    "AFP": (r"\(AFP\)", r"\bAgence France[- ]Presse\b", r"[-–—]\s*AFP\s*$"),
    "Bloomberg": (r"\bBloomberg News\b", r"\(Bloomberg\)"),
    "dpa": (r"\(dpa\)", r"\bDeutsche Presse-Agentur\b"),
    "UPI": (r"\(UPI\)", r"\bUnited Press International\b"),
    "ANSA": (r"\(ANSA\)",),
    "EFE": (r"\(EFE\)",),
    "Xinhua": (r"\(Xinhua\)",),
    "AAP": (r"\(AAP\)", r"\bAustralian Associated Press\b"),
    "Canadian Press": (r"\bThe Canadian Press\b",),
}  # fmt: skip
_WIRE_RES = {name: [re.compile(p, re.MULTILINE) for p in pats] for name, pats in WIRES.items()}
# In a byline or outlet field the bare name is enough: "By Jane Doe, Reuters".
_WIRE_NAME_RE = re.compile(
    r"\b(PA|Reuters|AP|AFP|Bloomberg|dpa|UPI|ANSA|EFE|Xinhua|AAP|Associated Press|"
    r"Press Association|Agence France-Presse)\b"
)
# A byline naming the agency before a desk title: "Jane Roe, PA Political Correspondent"
# (regional sites print "By contributor ..." for agency copy).
_AGENCY_BYLINE_RE = re.compile(
    r"(?:\bBy\s+(?:contributor\s+)?)?[A-Z][^,\n]{1,60},\s*((?:[A-Z][\w&.'-]*\s+)+)"
    r"(?:Correspondent|Reporter|Editor|Writer)\b"
)
_DESK_TEXT = (
    "political industrial home affairs crime health chief senior deputy business economics "
    "economic education environment sports sport science technology transport defence defense "
    "diplomatic legal royal scotland wales ireland parliamentary social courts consumer arts "
    "media local government security foreign europe europe's world news investigations "
    "special staff city finance financial property travel motoring agriculture energy "
    "climate entertainment showbusiness associate assistant lobby"
)
DESK_WORDS = frozenset(_DESK_TEXT.split())


def _agency_in_byline(text: str, outlet: str | None) -> str | None:
    """The agency in "NAME, AGENCY Industrial Correspondent", if it is not the outlet."""
    for m in _AGENCY_BYLINE_RE.finditer(text):
        words = m.group(1).split()
        while words and words[-1].lower() in DESK_WORDS:
            words.pop()
        if not words or any(w.lower() in DESK_WORDS for w in words):
            continue
        agency = " ".join(words)
        if outlet and agency.lower() in outlet.lower():
            continue  # the outlet's own staff
        return agency
    return None


_NAME_TO_WIRE = {"Associated Press": "AP", "Press Association": "PA", "Agence France-Presse": "AFP"}
_WORD_RE = re.compile(r"\w+")
CREDIT_WINDOW = 400  # characters at each end of the text where credits stand


def wire_credit(article: Article) -> str | None:
    """The wire agency credited for ``article``'s text, if any.

    Looks at the byline and outlet, and at the first and last lines of the text;
    photo credits in captions ("(PA)") are furniture and are not read here.
    """
    for field_text in (article.byline, article.outlet):
        if field_text:
            m = _WIRE_NAME_RE.search(field_text)
            if m:
                return _NAME_TO_WIRE.get(m.group(1), m.group(1))
    text = article.text
    ends = text[:CREDIT_WINDOW] + "\n" + text[-CREDIT_WINDOW:]
    agency = _agency_in_byline(f"{article.byline or ''}\n{ends}", article.outlet)
    if agency:
        return _NAME_TO_WIRE.get(agency, agency)
    for name, patterns in _WIRE_RES.items():
        if any(p.search(ends) for p in patterns):
            return name
    return None


def is_wire_outlet(outlet: str | None) -> bool:
    return bool(outlet) and _WIRE_NAME_RE.fullmatch(outlet.strip()) is not None  # type: ignore[union-attr]


def normalise(text: str) -> list[str]:
    """Lower-cased words, without punctuation: what a copy keeps."""
    return _WORD_RE.findall(text.lower())


_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT32 = np.uint64(32)
_MULTIPLIER = np.uint64(1_000_003)


def shingles(
    words: Sequence[str], k: int = SHINGLE, vocab: dict[str, int] | None = None
) -> np.ndarray:
    """Word ``k``-grams hashed to 32 bits, sorted and unique (a uint64 array).

    Words hash with crc32 (stable across processes); a shingle's hash is a
    polynomial of its words' hashes, computed for all shingles at once.
    """
    vocab = {} if vocab is None else vocab
    for w in set(words).difference(vocab):
        vocab[w] = zlib.crc32(w.encode("utf-8"))
    ids = np.fromiter(map(vocab.__getitem__, words), dtype=np.uint64, count=len(words))
    if len(ids) < k:
        return np.unique(
            ids[:0] if not len(ids) else np.array([int(ids.sum()) & 0xFFFFFFFF], dtype=np.uint64)
        )
    with np.errstate(over="ignore"):
        h = np.zeros(len(ids) - k + 1, dtype=np.uint64)
        for j in range(k):
            h = h * _MULTIPLIER + ids[j : len(ids) - k + 1 + j]
    return np.unique(h & _MASK32)


@dataclass
class _Doc:
    article: Article
    key: str  # normalised text, for exact equality
    shingles: np.ndarray
    wire: str | None
    day: date | None
    days: frozenset[date] = frozenset()  # its own day and its exact twins' days


def _day(article: Article) -> date | None:
    if not article.published or article.published_precision not in (None, "day"):
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


class _Sets:
    """Union-find over article indexes."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class _Hasher:
    """MinHash signatures for many shingle arrays, computed with numpy.

    Signature ``i`` is ``min((a_i * h + b_i) >> 32)`` over the shingle hashes
    ``h``, computed modulo 2**64 with odd ``a_i`` (multiply-shift hashing: no
    division, so it is fast); the values go into datasketch ``MinHash`` objects
    for ``MinHashLSH``.
    """

    def __init__(self, num_perm: int = NUM_PERM, seed: int = 1) -> None:
        rng = np.random.RandomState(seed)
        self.a = rng.randint(0, 1 << 62, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(
            1
        )
        self.b = rng.randint(0, 1 << 62, size=num_perm, dtype=np.uint64)
        from datasketch import MinHash  # datasketch imports scipy: only when needed

        self.template = MinHash(num_perm=num_perm, seed=seed)

    def minhash(self, hashes: np.ndarray) -> MinHash:
        values = np.full(len(self.a), 0xFFFFFFFF, dtype=np.uint64)
        for start in range(0, len(hashes), 2048):  # bounded memory for long texts
            chunk = hashes[start : start + 2048, None]
            with np.errstate(over="ignore"):
                perm = (chunk * self.a + self.b) >> _SHIFT32
            values = np.minimum(values, perm.min(axis=0))
        from datasketch import MinHash

        return MinHash(
            hashvalues=values, permutations=self.template.permutations, scheme=self.template.scheme
        )


def _overlap(a: np.ndarray, b: np.ndarray) -> int:
    return int(np.intersect1d(a, b, assume_unique=True).size)


def is_copy(a: _Doc, b: _Doc) -> bool:
    """Do ``a`` and ``b`` share enough text to be copies of one article?"""
    if a.key == b.key:
        return True
    small, large = sorted((a.shingles, b.shingles), key=len)
    if len(small) < MIN_SHINGLES:
        return False
    inter = _overlap(small, large)
    jaccard = inter / (len(small) + len(large) - inter)
    containment = inter / len(small)
    if a.wire is not None and a.wire == b.wire and a.days and b.days and not a.days & b.days:
        return max(jaccard, containment) >= SAME_WIRE_OTHER_DAY
    return jaccard >= MIN_JACCARD or containment >= MIN_CONTAINMENT


def find_duplicates(articles: Sequence[Article]) -> list[DuplicateSet]:
    """Sets of articles that are copies of one another, original first."""
    docs = []
    vocab: dict[str, int] = {}
    for art in articles:
        words = normalise(art.text)
        docs.append(
            _Doc(art, " ".join(words), shingles(words, vocab=vocab), wire_credit(art), _day(art))
        )
    sets = _Sets(len(docs))
    # Exact copies by their normalised text.
    first_with: dict[str, int] = {}
    for i, d in enumerate(docs):
        if d.key in first_with:
            sets.union(first_with[d.key], i)
        else:
            first_with[d.key] = i
        rep = docs[first_with[d.key]]
        if d.day is not None:
            rep.days = rep.days | {d.day}
    # Near copies: LSH proposes, the shingle sets decide.
    from datasketch import MinHashLSH

    hasher = _Hasher()
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    signatures: dict[int, MinHash] = {}
    for i in sorted(first_with.values()):
        if len(docs[i].shingles) >= MIN_SHINGLES:
            signatures[i] = hasher.minhash(docs[i].shingles)
            lsh.insert(str(i), signatures[i])
    for i, signature in signatures.items():
        for key in lsh.query(signature):
            j = int(key)
            if j > i and sets.find(i) != sets.find(j) and is_copy(docs[i], docs[j]):
                sets.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(docs)):
        groups.setdefault(sets.find(i), []).append(i)
    out = [
        _duplicate_set([docs[i] for i in members])
        for members in groups.values()
        if len(members) > 1
    ]
    out.sort(key=lambda s: s.articles[0])
    return out


def _duplicate_set(members: list[_Doc]) -> DuplicateSet:
    wires = [d.wire for d in members if d.wire]
    wire = max(sorted(set(wires)), key=wires.count) if wires else None
    central = _centrality(members)
    original = min(members, key=lambda d: _lineage_key(d, wire, central[id(d)]))
    rest = sorted(
        (d for d in members if d is not original), key=lambda d: (d.day or date.max, d.article.id)
    )
    ids = [original.article.id] + [d.article.id for d in rest]
    outlets = {(d.article.outlet or "").strip().lower() for d in members if d.article.outlet}
    kind: Literal["syndicated", "near-duplicate", "exact"]
    if len({d.key for d in members}) == 1:
        kind = "exact"
    elif wire is not None or len(outlets) > 1:
        kind = "syndicated"
    else:
        kind = "near-duplicate"
    return DuplicateSet(articles=ids, kind=kind, original=original.article.id, wire=wire)


def _centrality(members: list[_Doc]) -> dict[int, float]:
    """How much of the other members' text each member holds.

    Copies are trimmed, and gain furniture and edits of their own; the original
    holds most of what every copy has. Sets are small, so all pairs.
    """
    if len(members) > 50:
        return {id(d): 0.0 for d in members}
    score = {id(d): 0.0 for d in members}
    for x, a in enumerate(members):
        for b in members[x + 1 :]:
            inter = _overlap(a.shingles, b.shingles)
            score[id(a)] += inter / max(1, len(b.shingles))
            score[id(b)] += inter / max(1, len(a.shingles))
    return score


def _lineage_key(d: _Doc, wire: str | None, central: float) -> tuple[int, date, float, int, str]:
    """The original: the wire's own copy, then the earliest, then the most shared, fullest."""
    own = 0 if wire is not None and is_wire_outlet(d.article.outlet) else 1
    return (own, d.day or date.max, -round(central, 2), -len(d.shingles), d.article.id)
