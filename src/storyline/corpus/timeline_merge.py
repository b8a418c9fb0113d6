"""Merging event candidates into events: the clustering behind the timeline.

Candidates are clustered greedily, best-dated first. A candidate joins the cluster
it scores highest with, if the two are of the same kind, their dates can be the
same day (windows overlap, weekdays agree), they lie in the same era (dates years
apart never merge) and the evidence adds up: the same place, shared participants
(resolved entities; countries count as the parties of an agreement), the same
day, the same trigger word, similar wording. A plan ("talks will take place in
Saudi Arabia next week") and its report ("following talks in Saudi Arabia") merge
like any two mentions. "The meeting", "the deal" (a definite event noun with
neither date nor place) then join the event of their kind the article says most
about, else the nearest one before them.

Cost per candidate is bounded: a candidate is only scored against the clusters it
shares a blocking key with (a participant, a place, a capitalised word of its
sentence, a day of its date), looked up in the months around its date, at most
``POSTING_CAP`` clusters per key and ``CANDIDATE_CAP`` in all, and each cluster
keeps running aggregates instead of being rescanned.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.article.events import window
from storyline.model import ArticleAnalysis, Entity, EventCandidate

MERGE_THRESHOLD = 2.5
UNDATED_EXTRA = 1.0
# An event no text dates is placed within this many days of its publication: news
# reports recent events; the bound keeps a strike of 2009 from merging with today's.
ERA_DAYS = 366
POSTING_CAP = 24  # clusters looked at per blocking key (the most recent)
CANDIDATE_CAP = 48  # clusters scored per candidate (those sharing most keys)
TOKEN_CAP = 10  # blocking words per candidate
SAMPLE = 12  # members whose wording a cluster keeps for comparison
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_PARTY_TYPES = {"PERSON", "ORG"}
# Countries are the parties of an agreement ("Ukraine and Russia agreed ...").
_AGREEMENT_PARTY_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
_STOP = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "that", "this", "these", "those", "is", "are", "was", "were", "be", "been",
    "has", "have", "had", "will", "would", "could", "should", "may", "might", "can", "it", "its",
    "their", "his", "her", "he", "she", "they", "we", "you", "i", "not", "no", "said", "says",
    "also", "after", "before", "over", "into", "about", "than", "then", "there", "which", "who",
    "whom", "what", "when", "where", "while", "per", "more", "most", "some", "any", "such",
    "other", "only", "just", "all", "both", "each", "mr", "mrs", "ms", "sir", "dr",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december",
})
# Kinds where the one who acts names the event: different agents, different events.
_AGENT_KINDS = {"announcement", "visit", "transfer", "appointment"}
_CAPWORD = re.compile(r"\b[A-Z][A-Za-z'’-]{2,}")

Span2 = tuple[dt.date, dt.date]


@dataclass(eq=False)  # identity: two mentions are never "equal"
class Mention:
    cand: EventCandidate
    index: int  # arrival order of its article
    entities: frozenset[str]  # participant entity ids
    people: frozenset[str]  # those of them that are parties (persons, organisations)
    place: str | None  # entity id, else "~" + the normalised text
    place_names: frozenset[str]  # how the place is written: mention and entity name
    sentence: str  # lower-cased text of the sentence
    words: frozenset[str]
    span: Span2 | None  # days the text allows (None: unknown)
    dated: bool  # dated by the text, not by the publication date
    published: dt.date | None = None  # its article's publication day (or period start)
    era: Span2 | None = None  # the widest days it can fall on (None: any)
    tokens: tuple[str, ...] = ()  # blocking words
    months: tuple[object, ...] = ()  # time buckets it is looked up in (see _months)


@dataclass(eq=False)  # identity, and cheap membership tests
class Cluster:
    kind: str
    serial: int
    members: list[Mention] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    place_names: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    sentences: set[tuple[str, int]] = field(default_factory=set)
    timexes: dict[str, set[str]] = field(default_factory=dict)  # article -> timex values
    sample: list[Mention] = field(default_factory=list)
    by_article: dict[str, list[Mention]] = field(default_factory=dict)
    any_span: bool = False
    weekdays: Counter[int] = field(default_factory=Counter)
    dated_span: Span2 | None = None
    era: Span2 | None = None
    best: Mention | None = None  # best-dated member
    # For "a plan, then its report": publication bounds of dated plans and reports.
    plan_pubs: list[dt.date | None] = field(default_factory=list)
    report_pubs: list[dt.date | None] = field(default_factory=list)
    keys: set[tuple[object, ...]] = field(default_factory=set)

    def add(self, m: Mention) -> None:
        self.members.append(m)
        if m.place:
            self.places.add(m.place)
        self.place_names |= m.place_names
        self.people |= m.people
        self.entities |= m.entities
        self.stems.add(stem(m.cand.trigger))
        self.sentences.add((m.cand.article, m.cand.start))
        if m.cand.timex is not None:
            self.timexes.setdefault(m.cand.article, set()).add(m.cand.timex)
        if len(self.sample) < SAMPLE:
            self.sample.append(m)
        self.by_article.setdefault(m.cand.article, []).append(m)
        self.any_span = self.any_span or m.span is not None
        if m.cand.weekday is not None:
            self.weekdays[m.cand.weekday] += 1
        if m.era is not None:
            self.era = m.era if self.era is None else (
                max(self.era[0], m.era[0]), min(self.era[1], m.era[1]))
        if m.dated and m.span is not None:
            if self.dated_span is None:
                self.dated_span = m.span
            else:
                lo, hi = max(self.dated_span[0], m.span[0]), min(self.dated_span[1], m.span[1])
                # disagreeing dates (only a back reference can bring them): the narrowest
                self.dated_span = (lo, hi) if lo <= hi else min(
                    self.dated_span, m.span, key=lambda s: s[1] - s[0])
            if self.best is None or strength(m) < strength(self.best):
                self.best = m
            (self.plan_pubs if m.cand.status == "planned" else self.report_pubs).append(
                m.published)

    def weekday(self) -> int | None:
        if not self.weekdays:
            return None
        return min(self.weekdays.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    @property
    def has_span(self) -> bool:
        return self.dated_span is not None


# ---------------------------------------------------------------- mentions
EntityIndex = tuple[dict[tuple[str, int, int], str], dict[str, str], dict[str, str]]


def build_mentions(analyses: Sequence[ArticleAnalysis], entities: EntityIndex,
                   only: set[str] | None = None) -> list[Mention]:
    """One mention per candidate, in arrival order (``only``: of these articles)."""
    ent_of, types, names = entities
    out: list[Mention] = []
    for index, analysis in enumerate(analyses):
        art = analysis.article
        if only is not None and art.id not in only:
            continue
        pub = window(pub_value(art.published, art.published_precision), art.published_precision)
        for cand in analysis.event_candidates:
            m = mention(cand, index, ent_of, types, names, art.text, pub)
            if not m.dated and pub is not None:
                m.era = _distant_era(analysis, cand, pub) or m.era
            out.append(m)
    return out


def _distant_era(analysis: ArticleAnalysis, cand: EventCandidate, pub: Span2) -> Span2 | None:
    """"Sir Anthony, who chaired the talks that ended a dispute in 2021": an undated
    event whose sentence names a date years before publication belongs to that time."""
    for t in analysis.timexes:
        if not cand.start <= t.start < cand.end or t.type != "DATE":
            continue
        value = t.value.split("T")[0]
        precision = {4: "year", 7: "month", 10: "day"}.get(len(value))
        span = window(value, precision) if re.fullmatch(r"[\d-]+", value) else None
        # only the past: a future year in the sentence is more often a target
        # ("a deal to 2028") than the event's own time
        if span is not None and span[1] < pub[0] - dt.timedelta(days=ERA_DAYS):
            return span
    return None


def mention(cand: EventCandidate, index: int, ent_of: dict[tuple[str, int, int], str],
            types: dict[str, str], names: dict[str, str], text: str,
            pub: Span2 | None) -> Mention:
    party_types = _AGREEMENT_PARTY_TYPES if cand.kind == "agreement" else _PARTY_TYPES
    ids = []
    for p in cand.participants:
        eid = ent_of.get((p.article, p.start, p.end))
        ids.append(eid if eid is not None else f"~{norm(p.text)}")
    people = frozenset(i for i in ids if types.get(i, "") in party_types
                       or (i.startswith("~") and " " in i))
    place = None
    place_names: frozenset[str] = frozenset()
    if cand.place is not None:
        place = ent_of.get((cand.place.article, cand.place.start, cand.place.end)) or \
            f"~{norm(cand.place.text)}"
        place_names = frozenset({norm(cand.place.text)} | (
            {norm(names[place])} if place in names else set()))
    raw = text[cand.start:cand.end]
    sentence = raw.lower()
    words = frozenset(w for w in re.findall(r"[a-z][a-z'’-]{2,}", sentence) if w not in _STOP)
    dated = cand.date_source == "timex"
    span = window(cand.date, cand.date_precision)
    era = span if dated else None
    if cand.date_source == "published" and span is not None:
        # Dated only by publication: some day up to the end of that period.
        era = (span[0] - dt.timedelta(days=ERA_DAYS), span[1])
        span = (dt.date.min, span[1])
    elif era is None and pub is not None:
        era = (pub[0] - dt.timedelta(days=ERA_DAYS), pub[1] + dt.timedelta(days=ERA_DAYS))
    m = Mention(cand, index, frozenset(ids), people, place, place_names, sentence, words,
                span, dated, pub[0] if pub is not None else None, era)
    m.tokens = _tokens(m, raw)
    m.months = _months(m, pub)
    return m


def _tokens(m: Mention, raw: str) -> tuple[str, ...]:
    """Blocking words: participants and place first, then capitalised words, longest
    first (names, and the rare words a copied sentence shares)."""
    out: list[str] = sorted(m.entities | ({m.place} if m.place else set()))
    out += sorted(m.place_names)
    caps = {w.lower().rstrip("'’s") for w in _CAPWORD.findall(raw)}
    out += sorted((w for w in caps if w not in _STOP and len(w) > 2),
                  key=lambda w: (-len(w), w))
    if len(out) < 4:
        # no names to go by ("The last strike at the port lasted nine days"): the
        # sentence's longest words find its copies
        out += sorted(m.words, key=lambda w: (-len(w), w))[:4]
    seen: dict[str, None] = {}
    for tok in out:
        seen.setdefault(tok, None)
    return tuple(seen)[:TOKEN_CAP]


def _months(m: Mention, pub: Span2 | None) -> tuple[object, ...]:
    """The time buckets a mention is indexed and looked up in (empty: it has no date):
    the months of a date up to five months long, else its years."""
    lo_hi: Span2 | None = None
    if m.dated and m.span is not None:
        lo_hi = m.span
    elif pub is not None:
        # published, or dated only by a weekday: around its publication
        lo_hi = (pub[0] - dt.timedelta(days=31), pub[1] + dt.timedelta(days=31))
    if lo_hi is None:
        return ()
    first = lo_hi[0].year * 12 + lo_hi[0].month - 1
    last = lo_hi[1].year * 12 + lo_hi[1].month - 1
    if last - first <= 4:
        return tuple(range(first, last + 1))
    return tuple(f"y{y}" for y in range(lo_hi[0].year, min(lo_hi[1].year, lo_hi[0].year + 1) + 1))


def entity_index(entities: list[Entity]) -> EntityIndex:
    ent_of: dict[tuple[str, int, int], str] = {}
    types: dict[str, str] = {}
    names: dict[str, str] = {}
    for e in entities:
        types[e.id] = e.type
        names[e.id] = e.name
        for sp in e.mentions:
            ent_of[(sp.article, sp.start, sp.end)] = e.id
    return ent_of, types, names


def norm(text: str) -> str:
    t = re.sub(r"^(?:the)\s+", "", text.strip().lower())
    return re.sub(r"['’]s$", "", t)


def pub_value(published: str | None, precision: str | None) -> str | None:
    if not published or not precision:
        return None
    return {"day": published[:10], "month": published[:7], "year": published[:4]}[precision]


def strength(m: Mention) -> tuple[int, int, float, int, int]:
    """Best-dated first: day, week, month; then placed; then by confidence."""
    rank = PRECISION_RANK.get(m.cand.date_precision or "", 4) if m.dated else 5
    return (rank, 0 if m.place else 1, -m.cand.confidence, m.index, m.cand.start)


def stem(word: str) -> str:
    return re.sub(r"(?:ing|s)$", "", word)


# ---------------------------------------------------------------- clustering
class _Index:
    """Blocking keys -> clusters, kept per kind and month."""

    def __init__(self) -> None:
        self.posting: dict[tuple[object, ...], list[Cluster]] = {}

    def keys_of(self, m: Mention) -> list[tuple[object, ...]]:
        kind = m.cand.kind
        buckets: list[object] = list(m.months) or ["none"]
        # a month-dated mention is also found by a year-dated one
        buckets += sorted({f"y{b // 12}" for b in m.months if isinstance(b, int)})
        keys: list[tuple[object, ...]] = [(kind, tok, b) for tok in m.tokens for b in buckets]
        keys += [(kind, "*", tok) for tok in m.tokens]
        keys += self._days(m)
        if m.cand.weekday is not None and not m.months:
            keys.append((kind, "wd", m.cand.weekday))
        return keys

    def lookup_keys(self, m: Mention) -> list[tuple[object, ...]]:
        kind = m.cand.kind
        if not m.months:
            # No date at all: anything of its kind that shares a word may be it.
            keys: list[tuple[object, ...]] = [(kind, "*", tok) for tok in m.tokens]
            if m.cand.weekday is not None:
                keys.append((kind, "wd", m.cand.weekday))
        else:
            keys = [(kind, tok, b) for tok in m.tokens for b in (*m.months, "none")]
        return keys + self._days(m)

    @staticmethod
    def _days(m: Mention) -> list[tuple[object, ...]]:
        if not (m.dated and m.span is not None and (m.span[1] - m.span[0]).days <= 7):
            return []
        first = m.span[0].toordinal()
        return [(m.cand.kind, "day", d) for d in range(first, m.span[1].toordinal() + 1)]

    def add(self, cluster: Cluster, m: Mention) -> None:
        for key in self.keys_of(m):
            if key not in cluster.keys:
                cluster.keys.add(key)
                self.posting.setdefault(key, []).append(cluster)

    def candidates(self, m: Mention) -> list[Cluster]:
        hits: dict[int, int] = {}
        found: dict[int, Cluster] = {}
        for key in self.lookup_keys(m):
            for cluster in self.posting.get(key, ())[-POSTING_CAP:]:
                hits[cluster.serial] = hits.get(cluster.serial, 0) + 1
                found[cluster.serial] = cluster
        best = sorted(hits, key=lambda s: (-hits[s], -s))[:CANDIDATE_CAP]
        return [found[s] for s in sorted(best)]


def cluster_mentions(mentions: list[Mention]) -> list[Cluster]:
    """Mentions merged into clusters (deterministic: the order depends only on them)."""
    anaphors = [m for m in mentions if m.cand.definite]
    ordered = sorted((m for m in mentions if not m.cand.definite), key=strength)
    clusters: list[Cluster] = []
    index = _Index()
    by_article: dict[str, list[Cluster]] = {}
    for m in ordered:
        best: tuple[float, Cluster] | None = None
        for cluster in index.candidates(m):
            score = score_pair(m, cluster)
            # With no dates to compare, the rest of the evidence must carry more weight.
            need = MERGE_THRESHOLD + (UNDATED_EXTRA if _undated_pair(m, cluster) else 0.0)
            if score >= need and (best is None or score > best[0]):
                best = (score, cluster)
        if best is None:
            target = Cluster(m.cand.kind, len(clusters))
            clusters.append(target)
        else:
            target = best[1]
        target.add(m)
        index.add(target, m)
        own = by_article.setdefault(m.cand.article, [])
        if target not in own:
            own.append(target)
    # Second chance: a mention left alone may fit an event that grew after it was
    # placed ("the Rotterdam meeting earlier this week" before the report naming the
    # city joined the meeting).
    gone: set[int] = set()
    for lone in [c for c in clusters if len(c.members) == 1]:
        m = lone.members[0]
        best = None
        for cluster in index.candidates(m):
            if cluster is lone or cluster.serial in gone:
                continue
            score = score_pair(m, cluster)
            need = MERGE_THRESHOLD + (UNDATED_EXTRA if _undated_pair(m, cluster) else 0.0)
            if score >= need and (best is None or score > best[0]):
                best = (score, cluster)
        if best is not None and len(best[1].members) > 1:
            gone.add(lone.serial)
            best[1].add(m)
            index.add(best[1], m)
            own = by_article[m.cand.article]
            own[:] = [best[1] if c is lone else c for c in own]
    clusters = [c for c in clusters if c.serial not in gone]
    for m in anaphors:
        found = _antecedent(m, by_article.get(m.cand.article, []))
        if found is None:
            found = Cluster(m.cand.kind, len(clusters))
            clusters.append(found)
        found.add(m)
    return clusters


def score_pair(m: Mention, cluster: Cluster) -> float:
    if cluster.kind != m.cand.kind or not _dates_agree(m, cluster):
        return 0.0
    if (m.cand.article, m.cand.start) in cluster.sentences:
        return 0.0  # two events one sentence reports were told apart on purpose
    score = 0.0
    if m.place and cluster.places:
        if m.place not in cluster.places:
            return 0.0  # a meeting in Paris is not the one in Brussels
        score += 2.5
    elif m.place or cluster.places:
        # One side names the place, the other only mentions it ("... in the Black Sea")
        if m.place:
            named, texts = m.place_names, [x.sentence for x in cluster.sample]
        else:
            named, texts = frozenset(cluster.place_names), [m.sentence]
        if any(re.search(rf"\b{re.escape(p)}\b", t) for p in named if p for t in texts):
            score += 1.5
    if m.cand.kind in _AGENT_KINDS and m.people and cluster.people and \
            not m.people & cluster.people:
        return 0.0  # one body's estimate is not another's, whatever the day
    others = cluster.entities - cluster.people
    score += min(2, len(m.people & cluster.people)) * 1.0
    score += min(1, len((m.entities - m.people) & others)) * 0.5
    score += _date_bonus(m, cluster)
    if stem(m.cand.trigger) in cluster.stems:
        score += 0.5  # "met" and "meeting", "talks" and "talk"
    overlap = max((jaccard(m.words, x.words) for x in cluster.sample), default=0.0)
    if overlap >= 0.6:
        score += 3.0  # the same sentence: a syndicated copy, a repeated paragraph
    elif overlap >= 0.3:
        score += 1.5
    elif overlap >= 0.15:
        score += 1.0
    if _plan_then_report(m, cluster):
        score += 1.0
    if m.cand.timex is not None and m.cand.timex in cluster.timexes.get(m.cand.article, ()):
        score += 1.0  # the same article dating both to the same expression value
    return score


def _plan_then_report(m: Mention, cluster: Cluster) -> bool:
    """A plan for a day and a report, published no earlier, that it happened that day."""
    span = cluster.dated_span
    if not (m.dated and m.span is not None and span is not None and m.span == span
            and span[0] == span[1]):
        return False
    if m.cand.status == "planned":
        return any(p is None or m.published is None or m.published <= p
                   for p in cluster.report_pubs)
    return any(p is None or m.published is None or p <= m.published for p in cluster.plan_pubs)


def _undated_pair(m: Mention, cluster: Cluster) -> bool:
    """Nothing to compare the two by: no date the text gives on one side, no date or
    publication bound on the other, and no weekday on both."""
    if m.span is not None and cluster.dated_span is not None:
        return False
    if m.dated and m.span is not None and cluster.any_span:
        return False
    return not (m.cand.weekday is not None and cluster.weekday() is not None)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _dates_agree(m: Mention, cluster: Cluster) -> bool:
    if m.era is not None and cluster.era is not None and (
            m.era[1] < cluster.era[0] or cluster.era[1] < m.era[0]):
        return False  # years apart: another strike, another election
    span = cluster.dated_span
    if m.span is not None and span is not None and (m.span[1] < span[0] or span[1] < m.span[0]):
        return False
    wd = cluster.weekday()
    if m.cand.weekday is not None:
        if wd is not None and wd != m.cand.weekday:
            return False
        if span is not None and span[0] == span[1] and span[0].weekday() != m.cand.weekday:
            return False
    # a day-dated mention must fall on the weekday the cluster's reports name
    return not (wd is not None and m.span is not None and m.dated
                and m.span[0] == m.span[1] and m.span[0].weekday() != wd)


def _date_bonus(m: Mention, cluster: Cluster) -> float:
    span = cluster.dated_span
    if m.dated and m.span is not None and span is not None:
        if m.span == span and m.span[0] == m.span[1]:
            return 1.5
        if m.cand.weekday is not None and span[0] == span[1]:
            return 1.0  # "Thursday" in a month-dated article, the 27th elsewhere
        return 0.5
    wd = cluster.weekday()
    if m.cand.weekday is not None and wd == m.cand.weekday:
        return 1.0
    return 0.0


def _antecedent(m: Mention, clusters: list[Cluster]) -> Cluster | None:
    """The event "the meeting" points back to: of its kind, named in its article, in
    its era; the one the article says most about, then one whose sentence shares
    words with it, then the same word, then the nearest before it."""
    best: tuple[tuple[int, int, int, int, int], Cluster] | None = None
    for cluster in clusters:
        if cluster.kind != m.cand.kind or (
                m.era is not None and cluster.era is not None
                and (m.era[1] < cluster.era[0] or cluster.era[1] < m.era[0])):
            continue  # "the talks that ended a dispute in 2021" are not this week's
        own = cluster.by_article.get(m.cand.article, [])
        before = [x for x in own if x.cand.start <= m.cand.start]
        distance = min((m.cand.start - x.cand.start for x in before), default=10**9)
        same_word = any(x.cand.trigger == m.cand.trigger for x in own)
        # "the meeting with managers" and "she met managers": words they share
        shared = any(len((m.words & x.words) - {m.cand.trigger, x.cand.trigger}) >= 2
                     or jaccard(m.words, x.words) >= 0.15 for x in own)
        key = (-len(own), 0 if shared else 1, 0 if same_word else 1, distance, cluster.serial)
        if best is None or key < best[0]:
            best = (key, cluster)
    return best[1] if best is not None else None
