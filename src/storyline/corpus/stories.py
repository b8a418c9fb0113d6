"""Stories: group a stream of articles into stories, online.

Articles arrive in time order; each joins the open story it fits best or starts a
new one, and no story is ever rebuilt. An article's fit to a story is judged
against the story's newest members one by one (the mean and the best of those
scores: the story as a whole and its closest member). The fit to one member is a
logistic-regression score over what the two share (``story_features``): the words
(hashed TF-IDF, sublinear tf, document frequencies counted as the stream goes, title
and lead weighted up, word pairs too) and the lead's words alone, the named entities,
the people weighted by how prominent they are (named often, or near the top), the
numbers (those that tell one event from another, 23 pirates or magnitude 5.6, and
those near the top), and the time: the years the text names ("June 2005", "in 2008";
not the publication year, which an undated article lacks), the months, and the
weekdays named ("on Saturday").
Two events of the same kind share their words ("flood", "rehab", "arrested"), so
what tells them apart is who, where, how many and when: two articles that both name
people, numbers, years or weekdays score lower unless these agree, and two articles
about different people (one is about someone the other never names, or each is about
someone else and gives the other's person at most a minor part) keep only a fraction
of their evidence for joining, however alike their words. The evidence also shrinks
with the gap in days between the article and the story (a story goes cold), where a
report that names the days of the events it follows up ("convicted of the June 2005
killing") is as near those days as the story's own reports. Stories that grow alike
merge.

Work per article is bounded: stories keep a fixed number of members and features,
an inverted index over each story's top features yields at most ``max_candidates``
stories to compare with, and cold stories retire from the candidate set. An article
is scored against all of a story's members in one pass of array operations
(``story_features.MemberScorer``), so scoring costs the same however many members a
story keeps.
"""

from __future__ import annotations

import heapq
import math
import re
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from numpy.typing import NDArray

from storyline.corpus.story_features import (
    PAIR_FEATURES,
    Block,
    Features,
    MemberScorer,
    Packed,
    Query,
    Signals,
    block,
    extract,
    pack,
    pair_features,
    strangers,
    sublinear,
    words,
)
from storyline.corpus.story_state import (
    DayRange,
    Exemplar,
    RetiredStory,
    StoryConfig,
    StoryState,
    TitleCandidate,
    Vector,
    add_into,
    counts_from_json,
    counts_to_json,
    day_range,
    gap_days,
    prune,
    time_factor,
    top,
    unit,
)
from storyline.corpus.story_titles import short_title, tidy, trim
from storyline.model import ArticleAnalysis, Story, content_id

STATE_VERSION = 5  # 2: members kept whole (exemplars), scores as log-odds; 3: input digests;
# 4: weekdays and months kept per member; 5: the days a member names, years as named
SWEEP_EVERY = 64  # arrivals between two checks of every open story for cold ones
TITLE_FEATURES = 40

SENTENCE_RE = re.compile(r"[^\n.!?]+(?:[.!?]+|$)", re.MULTILINE)
URL_RE = re.compile(r"https?\s*:|www\s*\.|\.\s*(?:com|org|net|html?)\b", re.IGNORECASE)


class StoryClusterer:
    """Online story clustering; see the module docstring.

    ``add`` one :class:`ArticleAnalysis` at a time (in publication order),
    ``stories`` at any point, ``to_state``/``from_state`` to pause and resume.
    A story id is derived from the id of the article that started it; when two
    stories merge, the older id stays (``story_of`` gives an article's current one).
    """

    def __init__(self, config: StoryConfig | None = None) -> None:
        self.config = config or StoryConfig()
        self._mask = (1 << self.config.hash_bits) - 1
        self._weights = tuple(getattr(self.config, f"w_{name}") for name in PAIR_FEATURES)
        self._scorer = MemberScorer(self.config)
        self._seen = 0  # articles added
        self._df = array("I", bytes(4 << self.config.hash_bits))  # docs per hashed feature
        self._clock: int | None = None  # latest publication day seen (ordinal)
        self._active: OrderedDict[str, StoryState] = OrderedDict()  # least recently grown first
        self._retired: list[RetiredStory] = []
        self._index: dict[int, dict[str, None]] = {}  # feature -> stories, recently grown last
        self._story_of: dict[str, str] = {}  # article id -> story id
        self._digest: dict[str, str] = {}  # article id -> digest of the text it was added with
        self._ids: set[str] = set()  # ids of the stories so far
        self._log1p: list[float] = [0.0]  # log(1 + n) for n = 0, 1, ...
        self._log_seen = 0.0  # log(1 + articles added)

    # ------------------------------------------------------------ public API

    def add(self, analysis: ArticleAnalysis) -> str:
        """Put one article in a story and return that story's id."""
        article = analysis.article
        known = self._story_of.get(article.id)
        digest = _digest(analysis)
        if known is not None:
            if self._digest.get(article.id) == digest:
                return known  # the same article again (a re-run): nothing changes
            self.remove(article.id)  # its text changed: place it afresh
        self._digest[article.id] = digest
        self._seen += 1
        self._log_seen = math.log1p(self._seen)
        feats = self.features(analysis)
        for key in feats.words.keys() | feats.entities.keys():
            self._df[key] += 1
        days = day_range(article)
        if days is not None and days.exact:
            self._clock = days.hi if self._clock is None else max(self._clock, days.hi)
        query = self.query(feats)

        best: StoryState | None = None
        best_score = -math.inf
        packed = pack(query)
        for story in self._candidates(query.words, query.entities):
            score = self.similarity(query, days, story, packed)
            if score >= max(best_score, self.config.threshold):
                best, best_score = story, score
        if best is None:
            best = StoryState(id=self._new_story_id(article.id), created=self._seen)
        self._grow(best, analysis, feats, days, query)
        if self.config.merge:
            best = self._merge_around(best)
        if self._seen % SWEEP_EVERY == 0:
            self._sweep()
        return best.id

    def stories(self) -> list[Story]:
        """Every story so far, in the order they started, each with a short title."""
        done = [(r.created, Story(r.id, r.title, list(r.articles))) for r in self._retired]
        live = [
            (s.created, Story(s.id, self._title(s), list(s.articles)))
            for s in self._active.values()
        ]
        return [story for _, story in sorted(done + live, key=lambda x: x[0])]

    def scores(self, analysis: ArticleAnalysis, every: bool = False) -> list[tuple[str, float]]:
        """How well an article would fit each candidate story (``every``: each open
        story), best first, without adding it. For explaining a decision: ``add``
        joins the best candidate scoring at least ``threshold``."""
        query = self.query(self.features(analysis))
        days = day_range(analysis.article)
        stories = (
            list(self._active.values())
            if every
            else self._candidates(query.words, query.entities)
        )
        found = [(story.id, self.similarity(query, days, story)) for story in stories]
        return sorted(found, key=lambda x: -x[1])

    def changed(self, analysis: ArticleAnalysis) -> bool:
        """Whether the article was added before with another title or text (``add``
        then moves it to wherever its new text belongs)."""
        known = self._digest.get(analysis.article.id)
        return known is not None and known != _digest(analysis)

    def remove(self, article_id: str) -> bool:
        """Take an article out of its story; ``False`` if it was never added.

        Its member entry and title candidate go, so it no longer draws articles to
        the story; the story's centroid (used only to find candidate stories and
        to rank titles) and the document frequencies keep its words. A story left
        empty is dropped. A retired story keeps the title it retired with.
        """
        story_id = self._story_of.pop(article_id, None)
        if story_id is None:
            return False
        self._digest.pop(article_id, None)
        story = self._active.get(story_id)
        if story is not None:
            story.articles.remove(article_id)
            story.exemplars = [e for e in story.exemplars if e.article != article_id]
            story.block = None
            story.titles = [t for t in story.titles if t.article != article_id]
            if not story.articles:
                self._unindex_story(story)
                del self._active[story_id]
                self._ids.discard(story_id)
            return True
        for i, retired in enumerate(self._retired):
            if retired.id == story_id:
                retired.articles.remove(article_id)
                if not retired.articles:
                    del self._retired[i]
                    self._ids.discard(story_id)
                break
        return True

    def story_of(self, article_id: str) -> str | None:
        """The story an added article is in now, or ``None`` if it was never added."""
        return self._story_of.get(article_id)

    def open_stories(self) -> list[str]:
        """Ids of the stories still open to new articles (not retired)."""
        return list(self._active)

    def to_state(self) -> dict[str, Any]:
        """Plain JSON-able data from which :meth:`from_state` resumes exactly."""
        return {
            "version": STATE_VERSION,
            "config": self.config.to_dict(),
            "seen": self._seen,
            "df": counts_to_json(self._df),
            "clock": self._clock,
            "digests": dict(self._digest),
            "active": [s.to_dict() for s in self._active.values()],
            "retired": [r.to_dict() for r in self._retired],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> StoryClusterer:
        """The clusterer :meth:`to_state` described; raises ``ValueError`` if it cannot
        (state of another version: the caller starts afresh and re-adds its articles)."""
        if state.get("version") != STATE_VERSION:
            raise ValueError(
                f"story state version {state.get('version')!r} is not {STATE_VERSION}"
            )
        self = cls(StoryConfig.from_dict(state["config"]))
        self._seen = int(state["seen"])
        self._log_seen = math.log1p(self._seen)
        self._df = counts_from_json(state["df"], 1 << self.config.hash_bits)
        self._clock = state["clock"]
        self._digest = dict(state["digests"])
        self._retired = [RetiredStory.from_dict(r) for r in state["retired"]]
        # Re-indexing in least-recently-grown order rebuilds the same posting lists.
        for data in state["active"]:
            story = StoryState.from_dict(data)
            self._active[story.id] = story
            self._index_story(story, story.keys)
        for story_id, members in [(r.id, r.articles) for r in self._retired] + [
            (s.id, s.articles) for s in self._active.values()
        ]:
            self._ids.add(story_id)
            for article_id in members:
                self._story_of[article_id] = story_id
        return self

    def _new_story_id(self, article_id: str) -> str:
        """From the starting article's id; another if that is taken (an article
        placed afresh after its text changed may start a story again)."""
        story_id = f"story-{content_id(article_id, 12)}"
        n = 1
        while story_id in self._ids:
            story_id = f"story-{content_id(f'{article_id}#{n}', 12)}"
            n += 1
        self._ids.add(story_id)
        return story_id

    # ------------------------------------------------------------ features

    def features(self, analysis: ArticleAnalysis) -> Features:
        return extract(analysis, self.config, self._hash)

    def query(self, feats: Features) -> Query:
        """The article as compared with stories: today's IDF on words and entities."""
        return replace(
            feats,
            words=self._weighted_unit(feats.words),
            entities=self._weighted_unit(feats.entities),
        )

    def exemplar(self, article_id: str, query: Query) -> Exemplar:
        """What a story keeps of a member: each vector cut to its top features."""
        cfg = self.config
        return Exemplar(
            article_id,
            _cut(query.words, cfg.exemplar_terms),
            _cut(query.entities, cfg.exemplar_entities),
            query.people,
            _cut(query.numbers, cfg.exemplar_numbers),
            query.years,
            query.weekdays,
            query.months,
            _cut(query.lead, cfg.exemplar_terms),
            _cut(query.big_numbers, cfg.exemplar_numbers),
            _cut(query.lead_numbers, cfg.exemplar_numbers),
            query.protagonist,
            query.named,
        )

    def _hash(self, space: str, token: str) -> int:
        # crc32, not hash(): Python salts str hashes per process, the state must not.
        return zlib.crc32(f"{space}:{token}".encode()) & self._mask

    def _idf(self, key: int) -> float:
        # log(1 + df) from a table: this runs for every feature of every comparison.
        df = self._df[key]
        logs = self._log1p
        while df >= len(logs):
            logs.append(math.log1p(len(logs)))
        return self._log_seen - logs[df] + 1.0

    def _weighted_unit(self, vec: Vector) -> Vector:
        return unit({k: v * self._idf(k) for k, v in vec.items()})

    # ------------------------------------------------------------ matching

    def pair_features(self, a: Signals, b: Signals) -> list[float]:
        """What two articles share, as the pair score weighs it (:data:`PAIR_FEATURES`)."""
        return pair_features(a, b, self.config.rivals)

    def pair_score(self, a: Signals, b: Signals) -> float:
        """Log-odds that two articles report the same story."""
        cfg = self.config
        feats = pair_features(a, b, cfg.rivals)
        score = cfg.bias + sum(w * f for w, f in zip(self._weights, feats, strict=True))
        if strangers(a, b, cfg.rivals):
            # About different people: two events of one kind (two players arrested,
            # two stars in rehab), however alike the words.
            # Only the evidence for joining shrinks: what tells them apart still counts.
            score = min(score, cfg.bias + (score - cfg.bias) * cfg.strangers_factor)
        return score

    def similarity(
        self, query: Query, days: DayRange | None, story: StoryState, packed: Packed | None = None
    ) -> float:
        """How well an article fits a story: the mean and the best of its scores against
        the story's kept members (:meth:`pair_score`, all members at once), lowered by
        the gap in days."""
        if not story.exemplars:
            return -math.inf
        scores = self._scorer.scores(packed or pack(query), self._block(story))
        mw = self.config.max_weight
        score = mw * float(scores.max()) + (1.0 - mw) * float(scores.mean())
        if days is not None and story.lo is not None and story.hi is not None:
            gap = story_gap((days.lo, days.hi), query.named, story)
            score = self._decay(score, gap)
        return score

    def _scores_against(self, member: Exemplar, story_id: str, theirs: Block) -> NDArray[Any]:
        """A member's scores against another story's members, kept while neither changes
        (a merge check compares a story's newest members again after each arrival)."""
        key = (story_id, theirs.serial)
        found: NDArray[Any] | None = member.scored.get(key)
        if found is None:
            found = self._scorer.scores(self._pack(member), theirs)
            member.scored[key] = found
            while len(member.scored) > self.config.merge_candidates + 1:
                del member.scored[next(iter(member.scored))]
        return found

    def _pack(self, member: Exemplar) -> Packed:
        if member.packed is None:
            member.packed = pack(member)
        packed: Packed = member.packed
        return packed

    def _block(self, story: StoryState) -> Block:
        """The story's members packed together (remade only after they change)."""
        if story.block is None:
            story.block = block([self._pack(e) for e in story.exemplars])
        packed: Block = story.block
        return packed

    def _decay(self, score: float, gap: int) -> float:
        """The score with its evidence over the prior (``bias``) shrunk by the gap in
        days: the same words a year apart tell of another occurrence."""
        bias = self.config.bias
        return bias + (score - bias) * time_factor(gap, self.config)

    def _candidates(self, query_words: Vector, query_entities: Vector) -> list[StoryState]:
        """The open stories sharing the most weight of the article's top features."""
        weight: dict[str, float] = {}
        n = self.config.query_terms
        keys = [(k, query_words[k]) for k in top(query_words, n)]
        keys += [(k, query_entities[k]) for k in top(query_entities, n)]
        for key, w in keys:
            for story_id in self._index.get(key, ()):
                weight[story_id] = weight.get(story_id, 0.0) + w
        # The few best of many: a partial sort, so the cost does not follow the stream.
        ranked = heapq.nsmallest(
            self.config.max_candidates, weight, key=lambda s: (-weight[s], self._active[s].created)
        )
        return [self._active[s] for s in ranked]

    # ------------------------------------------------------------ growing

    def _grow(
        self,
        story: StoryState,
        analysis: ArticleAnalysis,
        feats: Features,
        days: DayRange | None,
        query: Query,
    ) -> None:
        article = analysis.article
        story.articles.append(article.id)
        story.exemplars.append(self.exemplar(article.id, query))
        del story.exemplars[: -self.config.exemplars]
        story.block = None
        self._story_of[article.id] = story.id
        story.last_seq = self._seen
        idf = self._add_vectors(story, feats.words, feats.entities)
        if days is not None and days.exact:
            story.lo = days.lo if story.lo is None else min(story.lo, days.lo)
            story.hi = days.hi if story.hi is None else max(story.hi, days.hi)
        self._offer_title(story, article.title, article.text, feats.words, query.words)
        self._reindex(story, *idf)
        while len(self._active) > self.config.max_active:
            self._retire(next(iter(self._active.values())))

    def _add_vectors(
        self, story: StoryState, words_vec: Vector, entities_vec: Vector
    ) -> tuple[Vector, Vector]:
        """Add to the story's centroids and prune them; the IDF of their features (for
        :meth:`_reindex`, with no arrival in between)."""
        cfg = self.config
        idf = {k: self._idf(k) for k in words_vec.keys() | story.words.keys()}
        add_into(story.words, words_vec)
        story.words = prune(story.words, cfg.story_terms, idf)
        eidf = {k: self._idf(k) for k in entities_vec.keys() | story.entities.keys()}
        add_into(story.entities, entities_vec)
        story.entities = prune(story.entities, cfg.story_entities, eidf)
        return idf, eidf

    def _reindex(self, story: StoryState, idf: Vector, eidf: Vector) -> None:
        """Index the story under its current top features; it is now the most recent."""
        cfg = self.config
        keys = top(story.words, cfg.index_terms, idf)
        keys += top(story.entities, cfg.index_entities, eidf)
        self._unindex_story(story)
        self._index_story(story, keys)
        self._active[story.id] = story
        self._active.move_to_end(story.id)

    def _index_story(self, story: StoryState, keys: list[int]) -> None:
        story.keys = keys
        for key in keys:
            posting = self._index.setdefault(key, {})
            posting.pop(story.id, None)
            posting[story.id] = None
            while len(posting) > self.config.max_posting:
                del posting[next(iter(posting))]

    def _unindex_story(self, story: StoryState) -> None:
        for key in story.keys:
            posting = self._index.get(key)
            if posting is not None:
                posting.pop(story.id, None)
                if not posting:
                    del self._index[key]
        story.keys = []

    # ------------------------------------------------------------ merging

    def story_similarity(self, a: StoryState, b: StoryState) -> float:
        """How alike two stories are: the mean and the best of the scores of ``a``'s
        newest members against ``b``'s, lowered by the gap in days."""
        mine = a.exemplars[-self.config.merge_members :]
        if not mine or not b.exemplars:
            return -math.inf
        theirs = self._block(b)
        scores = [self._scores_against(x, b.id, theirs) for x in mine]
        mw = self.config.max_weight
        score = mw * max(float(s.max()) for s in scores) + (1.0 - mw) * float(
            sum(s.sum() for s in scores) / (len(mine) * theirs.n)
        )
        if a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None:
            named = [span for e in a.exemplars for span in e.named]
            score = self._decay(score, story_gap((a.lo, a.hi), named, b))
        return score

    def _merge_around(self, story: StoryState) -> StoryState:
        """Merge ``story`` into the open story most like it, while one is close enough.

        Articles that started apart, each too unlike the other alone, come together
        once their stories have grown alike: splits heal while the join threshold
        stays strict enough to keep two same-kind events apart.
        """
        while True:
            best: StoryState | None = None
            best_score = -math.inf
            newest = story.exemplars[-1]
            candidates = self._candidates(newest.words, newest.entities)
            for other in candidates[: self.config.merge_candidates + 1]:
                if other.id == story.id:
                    continue
                score = self.story_similarity(story, other)
                if score >= max(best_score, self.config.merge_threshold):
                    best, best_score = other, score
            if best is None:
                return story
            keep, gone = (best, story) if best.created < story.created else (story, best)
            self._absorb(keep, gone)
            story = keep

    def _absorb(self, keep: StoryState, gone: StoryState) -> None:
        self._unindex_story(gone)
        del self._active[gone.id]
        keep.articles.extend(gone.articles)
        for article_id in gone.articles:
            self._story_of[article_id] = keep.id
        idf = self._add_vectors(keep, gone.words, gone.entities)
        if gone.lo is not None and gone.hi is not None:
            keep.lo = gone.lo if keep.lo is None else min(keep.lo, gone.lo)
            keep.hi = gone.hi if keep.hi is None else max(keep.hi, gone.hi)
        keep.last_seq = max(keep.last_seq, gone.last_seq)
        keep.titles.extend(gone.titles)
        keep.exemplars = _interleave(keep.exemplars, gone.exemplars, self.config.exemplars)
        keep.block = None
        self._keep_central_titles(keep)
        self._reindex(keep, *idf)

    # ------------------------------------------------------------ going cold

    def _is_cold(self, story: StoryState) -> bool:
        idle = self._seen - story.last_seq
        if idle > self.config.idle_articles:
            return True
        # By date only once also idle for a while: one misdated article far in the
        # future must not close every story at once.
        return (
            idle >= self.config.min_idle
            and self._clock is not None
            and story.hi is not None
            and self._clock - story.hi > self.config.cold_days
        )

    def _retire(self, story: StoryState) -> None:
        self._unindex_story(story)
        del self._active[story.id]
        self._retired.append(
            RetiredStory(story.id, story.created, self._title(story), story.articles)
        )

    def _sweep(self) -> None:
        for story in [s for s in self._active.values() if self._is_cold(s)]:
            self._retire(story)

    # ------------------------------------------------------------ titles

    def _offer_title(
        self, story: StoryState, title: str | None, text: str, tf: Vector, query: Vector
    ) -> None:
        """Keep the few members most central to the story as title candidates."""
        headline = bool(title and title.strip())
        shown = trim(tidy(title)) if title and headline else self._lead_sentence(text, query)
        if not shown:
            return
        feats = {k: tf[k] for k in top(query, TITLE_FEATURES)}
        story.titles.append(TitleCandidate(story.articles[-1], shown, headline, feats))
        self._keep_central_titles(story)

    def _keep_central_titles(self, story: StoryState) -> None:
        while len(story.titles) > self.config.title_candidates:
            norm = self._centroid_norm(story)
            story.titles.remove(min(story.titles, key=lambda t: self._centrality(t, story, norm)))

    def _centroid_norm(self, story: StoryState) -> float:
        """Length of the story's centroid under today's IDF (once for all its titles)."""
        return math.sqrt(sum((v * self._idf(k)) ** 2 for k, v in story.words.items()))

    def _centrality(self, cand: TitleCandidate, story: StoryState, norm: float) -> float:
        """Cosine of a title candidate with the story's centroid: the sum runs over the
        candidate's few features, the centroid's length is given."""
        if not norm:
            return 0.0
        query = self._weighted_unit(cand.features)
        centroid = story.words
        return sum(q * centroid.get(k, 0.0) * self._idf(k) for k, q in query.items()) / norm

    def _title(self, story: StoryState) -> str:
        if not story.titles:
            return story.articles[0] if story.articles else story.id
        # A real headline beats a sentence drawn from a text; then the most central.
        norm = self._centroid_norm(story)
        best = max(story.titles, key=lambda t: (t.headline, self._centrality(t, story, norm)))
        return best.text

    def _lead_sentence(self, text: str, query: Vector) -> str:
        """The sentence near the top that best says what the article is about."""
        best, best_score = "", -1.0
        seen = 0
        for match in SENTENCE_RE.finditer(text):
            sentence = match.group().strip()
            toks = words(sentence)
            if not _readable(sentence) or not toks:
                continue
            vec = unit(sublinear({self._hash("w", t): 1.0 for t in toks}))
            # News puts the point first: a later sentence must be clearly better.
            score = sum(v * query.get(k, 0.0) for k, v in vec.items()) * (1.0 - 0.05 * seen)
            if score > best_score:
                best, best_score = sentence, score
            seen += 1
            if seen >= 6:
                break
        return short_title(best)


def story_gap(days: tuple[int, int], named: Sequence[tuple[int, int]], story: StoryState) -> int:
    """Days between an article (or story) and a story, both dated. A report names the
    time of the events it follows up ("convicted of the June 2005 killing"), so the gap
    is the least of: publication day to publication day, a day it names to the story's
    days, and its day to a day the story's members name."""
    assert story.lo is not None and story.hi is not None
    gap = gap_days(days[0], days[1], story.lo, story.hi)
    for lo, hi in named:
        gap = min(gap, gap_days(lo, hi, story.lo, story.hi))
    for member in story.exemplars:
        for lo, hi in member.named:
            gap = min(gap, gap_days(days[0], days[1], lo, hi))
    return gap


def _digest(analysis: ArticleAnalysis) -> str:
    """What tells a changed article: its input's fingerprint, which the readers already
    computed (hashed here only for articles built without one)."""
    article = analysis.article
    return article.fingerprint or content_id(f"{article.title or ''}\n{article.text}", 16)


def _interleave(a: list[Exemplar], b: list[Exemplar], n: int) -> list[Exemplar]:
    """The ``n`` newest of two stories' members, taken in turn from each, oldest first:
    a merged story keeps members of both halves."""
    out: list[Exemplar] = []
    ra, rb = a[::-1], b[::-1]
    for i in range(max(len(ra), len(rb))):
        out += [x[i] for x in (ra, rb) if i < len(x)]
    return out[:n][::-1]


def _cut(vec: Vector, n: int) -> Vector:
    return vec if len(vec) <= n else {k: vec[k] for k in top(vec, n)}


def _readable(sentence: str) -> bool:
    """A sentence fit for a title: some words, mostly letters, no web address."""
    tokens = sentence.split()
    if len(tokens) < 5 or URL_RE.search(sentence):
        return False
    return sum(t[:1].isalpha() for t in tokens) >= 0.6 * len(tokens)


def publication_order(analyses: Sequence[ArticleAnalysis]) -> list[ArticleAnalysis]:
    """By publication day, ties in input order. An undated article keeps its place
    after the dated one it followed in the input (at the start if none did)."""
    ranges = [day_range(a.article) for a in analyses]
    dated = [r.lo for r in ranges if r is not None]
    carried = min(dated) if dated else 0
    keys = []
    for i, r in enumerate(ranges):
        if r is not None:
            carried = r.lo
        keys.append((carried, i))
    return [analyses[i] for _, i in sorted(keys)]


def cluster_stories(
    analyses: Sequence[ArticleAnalysis], config: StoryConfig | None = None
) -> list[Story]:
    """Stories of ``analyses``: put in publication order, then added one by one."""
    clusterer = StoryClusterer(config)
    for analysis in publication_order(analyses):
        clusterer.add(analysis)
    return clusterer.stories()
