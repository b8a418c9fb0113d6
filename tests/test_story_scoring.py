"""The clusterer scores an article against all of a story's kept members at once
(``MemberScorer``, arrays): it must give exactly what the member-by-member pair score
gives, strangers and all, and its work must not grow with the number of members.
Invented articles; entity mentions and dates written by hand (no spaCy)."""

from __future__ import annotations

import dataclasses
import itertools
import random
import re
from typing import Any

import numpy as np

from storyline.corpus.stories import StoryClusterer
from storyline.corpus.story_features import Block, MemberScorer, block, pack
from storyline.corpus.story_state import StoryConfig
from storyline.model import Article, ArticleAnalysis, EntityMention, Timex

PEOPLE = ["Hanne Lindqvist", "Pavel Morrow", "Rosa Ibarra", "Jonas Falkner", "Kaito Oduya"]
TOWNS = ["Saltmere", "Hollin", "Brackwater"]
DAYS = ["Saturday", "Monday", "Thursday"]
MONTHS = {"March": "03", "October": "10"}


def invented(i: int, rng: random.Random) -> ArticleAnalysis:
    """A short invented report: some of the people (one of them often), a town, tolls,
    a weekday, sometimes a month and a year."""
    who = rng.sample(PEOPLE, rng.randint(0, 3))
    town = rng.choice(TOWNS)
    text = (f"Lifeboat crews rescued {rng.choice([23, 31, 140])} people off {town} on "
            f"{rng.choice(DAYS)} after a ferry ran aground. ")
    for k, name in enumerate(who):
        text += f"{name} said the crossing was rough. " + f"{name.split()[-1]} agreed. " * (2 - k)
    if rng.random() < 0.5:
        text += f"The inquiry will report in {rng.choice(list(MONTHS))} {rng.choice([2030, 2031])}."
    aid = f"a{i}"
    mentions = []
    for name in who:
        for m in re.finditer(rf"{name}|\b{name.split()[-1]}\b", text):
            mentions.append(EntityMention(aid, m.start(), m.end(), m.group(), "PERSON",
                                          canonical=name))
    for m in re.finditer(town, text):
        mentions.append(EntityMention(aid, m.start(), m.end(), town, "GPE"))
    timexes = []
    for m in re.finditer("|".join(DAYS), text):
        timexes.append(Timex(aid, m.start(), m.end(), m.group(), "DATE",
                             f"XXXX-WXX-{DAYS.index(m.group()) + 1}"))
    for m in re.finditer(r"(March|October) (\d{4})", text):
        timexes.append(Timex(aid, m.start(), m.end(), m.group(), "DATE",
                             f"{m.group(2)}-{MONTHS[m.group(1)]}"))
    article = Article(id=aid, source=f"invented/{aid}.txt", text=text)
    return ArticleAnalysis(article=article, mentions=mentions, timexes=timexes)


def test_all_members_at_once_score_what_each_member_alone_scores() -> None:
    rng = random.Random(4)
    analyses = [invented(i, rng) for i in range(40)]
    for config in (StoryConfig(), StoryConfig(rivals=False), StoryConfig(strangers_factor=0.3)):
        clusterer = StoryClusterer(dataclasses.replace(config, threshold=-2.0))
        for a in analyses[:30]:
            clusterer.add(a)
        stories = [clusterer._active[s] for s in clusterer.open_stories()]
        assert any(len(s.exemplars) > 3 for s in stories)
        strangers_seen = 0
        for a in analyses[30:]:
            query = clusterer.query(clusterer.features(a))
            for story in stories:
                together = clusterer._scorer.scores(pack(query), block(
                    [pack(e) for e in story.exemplars]))
                alone = [clusterer.pair_score(query, e) for e in story.exemplars]
                assert max(abs(x - y) for x, y in zip(together, alone, strict=True)) < 1e-9
                strangers_seen += sum(
                    clusterer.pair_features(query, e)[-1] == 1.0 for e in story.exemplars
                )
        assert strangers_seen > 0  # the cases where the two differ most were covered


def test_strangers_are_read_member_by_member() -> None:
    # One member about the article's own person, one about someone else: only the
    # second loses evidence.
    rng = random.Random(1)
    base = [invented(i, rng) for i in range(12)]
    clusterer = StoryClusterer(StoryConfig(threshold=-5.0, merge=False))
    for a in base:
        clusterer.add(a)
    members = [e for s in clusterer._active.values() for e in s.exemplars]
    for a, b in itertools.product(base[:6], members):
        query = clusterer.query(clusterer.features(a))
        (together,) = clusterer._scorer.scores(pack(query), block([pack(b)]))
        assert abs(together - clusterer.pair_score(query, b)) < 1e-9


def test_scoring_work_does_not_grow_with_the_members_kept() -> None:
    # The array operations per story are a fixed number whatever its size.
    calls: list[int] = []
    scorer = MemberScorer(StoryConfig())
    rng = random.Random(2)
    clusterer = StoryClusterer()
    packs = [pack(clusterer.query(clusterer.features(invented(i, rng)))) for i in range(13)]
    real = np.bincount

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    np.bincount = counted
    try:
        for size in (1, 12):
            calls.clear()
            members: Block = block(packs[1 : 1 + size])
            scorer.scores(packs[0], members)
            if size == 1:
                small = len(calls)
        large = len(calls)
    finally:
        np.bincount = real
    assert small == large > 0
