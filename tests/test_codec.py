from __future__ import annotations

from storyline import codec
from storyline.model import (
    Article,
    ArticleAnalysis,
    Damage,
    EntityMention,
    Event,
    EventMention,
    Removed,
)


def test_round_trip_keeps_nested_objects() -> None:
    article = Article(
        id="a1",
        source="x.txt",
        text="Mayor Ola Brandt spoke.",
        published="2031-05-02",
        published_precision="day",
        removed=[Removed("Photo (Image: Agency)", "caption")],
        damage=[Damage(3, 7, "name missing")],
    )
    analysis = ArticleAnalysis(
        article=article,
        mentions=[EntityMention("a1", 6, 16, "Ola Brandt", "PERSON", roles=["Mayor"])],
    )
    back = codec.from_dict(ArticleAnalysis, codec.to_dict(analysis))
    assert back == analysis
    assert isinstance(back.article.removed[0], Removed)
    assert back.mentions[0].roles == ["Mayor"]


def test_unknown_keys_are_ignored_and_missing_ones_defaulted() -> None:
    event = codec.from_dict(
        Event,
        {
            "id": "e1",
            "title": "talks",
            "extra": 1,
            "mentions": [{"article": "a", "start": 0, "end": 2}],
        },
    )
    assert event.date is None
    assert event.mentions == [EventMention("a", 0, 2)]
