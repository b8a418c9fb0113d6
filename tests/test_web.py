"""The web app: pages, JSON API, search, uploads, and what it refuses."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.model import EventMention
from storyline.settings import Settings
from storyline.web.app import LOOPBACK_HOSTS, create_app
from tests.test_report import assert_inert
from tests.test_report_data import build_result
from tests.test_web_support import UPLOAD_TEXT, fill_store, write_dam_corpus

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about its httpx client
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = fill_store(tmp_path_factory.mktemp("web") / "store.db", build_result())
    with TestClient(create_app(db, Settings(max_input_bytes=2000))) as client:
        yield client


def test_story_list_is_newest_first_with_counts(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    rows = re.findall(r'<a href="/stories/([^"]+)">', page.text)
    assert rows == ["st-hostile", "st-bridge"]
    bridge_row = page.text.split('href="/stories/st-bridge"')[1].split("</tr>")[0]
    assert re.findall(r'<td class="num">(\d+)</td>', bridge_row) == ["4", "3", "3", "5", "3"]


def test_story_page_has_the_report_sections_and_links_to_passages(client: TestClient) -> None:
    page = client.get("/stories/st-bridge")
    assert page.status_code == 200
    for heading in (
        "Briefing",
        "Timeline",
        "Quotes by speaker",
        "Figures",
        "Sources",
        "Data quality",
    ):
        assert f">{heading}</h3>" in page.text
    assert "<svg" in page.text
    assert 'href="/articles/herald-0301?s=0&amp;e=85#p-0"' in page.text


def test_article_page_highlights_every_kind_and_the_linked_passage(client: TestClient) -> None:
    page = client.get("/articles/herald-0308", params={"s": 0, "e": 56})
    assert page.status_code == 200
    text = page.text
    for kind in ("k-quote", "k-entity", "k-date", "k-figure", "k-damage"):
        assert kind in text
    hits = re.findall(r'<span id="p-0" class="([^"]*)"', text)
    assert hits and "hit" in hits[0]
    assert "Orsa bridge closure" in text  # its story is linked


def test_search_finds_articles_quotes_and_entities(client: TestClient) -> None:
    page = client.get("/search", params={"q": "reopen"})
    assert page.status_code == 200
    assert "<mark>reopen</mark>" in page.text
    data = client.get("/api/search", params={"q": "brandt"}).json()
    assert [h["id"] for h in data["entities"]] == ["e-brandt"]
    assert {h["id"] for h in data["quotes"]} == {"q1", "q2", "q3"}
    assert len(data["articles"]) == 3


def test_json_api_serves_the_contract(client: TestClient) -> None:
    whole = client.get("/api/storyline.json").json()
    assert len(whole["articles"]) == 5 and len(whole["quotes"]) == 7
    assert client.get("/api/articles/herald-0301").json()["outlet"] == "Orsa Herald"
    quotes = client.get("/api/quotes", params={"speaker": "e-reyl"}).json()
    assert sorted(q["id"] for q in quotes) == ["q4", "q5", "q6"]
    assert len(client.get("/api/figures", params={"group": "g-drivers"}).json()) == 3
    assert client.get("/api/entities", params={"type": "GPE"}).json()[0]["name"] == "Orsa"
    assert [s["id"] for s in client.get("/api/stories").json()] == ["st-hostile", "st-bridge"]
    story = client.get("/api/stories/st-bridge").json()
    assert story["timeline"]["events"][2]["status"] == "planned"
    assert len(client.get("/api/articles", params={"limit": 2, "offset": 1}).json()) == 2
    spec = client.get("/openapi.json").json()
    assert {"/api/storyline.json", "/api/quotes", "/api/articles"} <= set(spec["paths"])


def test_missing_items_and_bad_parameters_are_clear_errors(client: TestClient) -> None:
    missing = client.get("/api/articles/nope")
    assert missing.status_code == 404 and missing.json() == {"detail": "no article with id 'nope'"}
    page = client.get("/stories/nope")
    assert page.status_code == 404 and "no story with id" in page.text
    bad = client.get("/api/quotes", params={"limit": "many"})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("limit:")
    assert "Traceback" not in bad.text


def test_an_unexpected_failure_is_a_short_answer_without_a_traceback(tmp_path: Path) -> None:
    db = fill_store(tmp_path / "s.db", build_result())
    app = create_app(db)

    def broken() -> None:
        raise RuntimeError("secret internals")

    app.state.storyline.index = broken
    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.get("/")
        assert page.status_code == 500 and "internal error" in page.text
        api = client.get("/api/stories")
        assert api.status_code == 500 and api.json() == {
            "detail": "internal error: the server could not answer this"
        }
        for answer in (page, api):
            assert "secret internals" not in answer.text and "Traceback" not in answer.text


def test_hostile_article_is_inert_in_the_app(client: TestClient) -> None:
    for path in ("/articles/hostile-1", "/stories/st-hostile"):
        page = client.get(path)
        assert page.status_code == 200
        assert_inert(page.text)
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'sha256-" in policy
    results = client.get("/search", params={"q": "<script>"})
    assert_inert(results.text)


def test_upload_refusals_are_clear(client: TestClient) -> None:
    missing = client.post("/api/articles", data={"title": "no text"})
    assert missing.status_code == 422 and missing.json()["detail"].startswith("text:")
    blank = client.post("/api/articles", data={"text": "  \n "})
    assert blank.status_code == 200 and blank.json()["added"] == []
    (failure,) = blank.json()["failures"]
    assert failure["source"].startswith("pasted text") and "tmp" not in failure["source"]
    big = client.post("/api/articles/file", files={"file": ("big.txt", b"x" * 2001, "text/plain")})
    assert big.status_code == 413 and "limit is 2000 bytes" in big.json()["detail"]
    date = client.post("/api/articles", data={"text": "Some text here.", "published": "soon"})
    assert date.status_code == 422 and date.json()["detail"].startswith(
        "published: String should match"
    )
    page = client.post("/upload", data={"text": ""})
    assert page.status_code == 422 and "nothing to add" in page.text
    both = client.post(
        "/upload", data={"text": "words"}, files={"file": ("a.txt", b"words", "text/plain")}
    )
    assert both.status_code == 422 and "not both" in both.text


def test_oversized_body_is_refused_before_it_is_read(client: TestClient) -> None:
    huge = client.post(
        "/api/articles",
        content=b"x" * 10,
        headers={"content-length": str(10**9), "content-type": "multipart/form-data; boundary=b"},
    )
    assert huge.status_code == 413 and "limit is 2000 bytes" in huge.json()["detail"]


def test_cross_site_posts_and_foreign_hosts_are_refused(tmp_path: Path) -> None:
    db = fill_store(tmp_path / "s.db", build_result())
    app = create_app(db, allowed_hosts=LOOPBACK_HOSTS)
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/").status_code == 200
        for origin in ("http://evil.example", "null"):
            post = local.post("/upload", data={"text": "x"}, headers={"origin": origin})
            assert post.status_code == 403 and "cross-site" in post.text
        same = local.post("/upload", data={"text": ""}, headers={"origin": "http://127.0.0.1:8000"})
        assert same.status_code == 422  # let through to the form, which finds nothing to add
    with TestClient(app, base_url="http://rebound.example") as foreign:
        assert foreign.get("/").status_code == 400


# -- through the real pipeline ---------------------------------------------------
@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("web-real")
    storyline.analyze([write_dam_corpus(root)], out=root / "out")
    with TestClient(create_app(root / "out" / "storyline.db")) as client:
        yield client


@pytest.mark.slow
def test_real_store_pages_render_and_hostile_text_is_inert(real: TestClient) -> None:
    stories: list[dict[str, Any]] = real.get("/api/stories").json()
    assert sum(s["articles"] for s in stories) == 4
    for story in stories:
        page = real.get(f"/stories/{story['id']}")
        assert page.status_code == 200
        assert_inert(page.text, shown=False)
    letter = next(a for a in real.get("/api/articles").json() if a["source"].endswith("letter.txt"))
    assert_inert(real.get(f"/articles/{letter['id']}").text)


@pytest.mark.slow
def test_upload_goes_through_the_pipeline_and_joins_a_story(real: TestClient) -> None:
    before = len(real.get("/api/articles").json())
    sent = real.post(
        "/api/articles",
        data={
            "text": UPLOAD_TEXT,
            "title": "Water board to review dam release",
            "outlet": "Ridge Courier",
            "published": "2032-04-08",
        },
    )
    assert sent.status_code == 201, sent.text
    (added,) = sent.json()["added"]
    assert added["new"] and added["outlet"] == "Ridge Courier" and added["stories"]
    assert len(real.get("/api/articles").json()) == before + 1
    stored = next(a for a in real.get("/api/articles").json() if a["id"] == added["id"])
    assert stored["source"] == "upload: pasted text"  # not the deleted temporary file
    story = real.get(f"/stories/{added['stories'][0]}")
    assert "Water board to review dam release" in story.text
    again = real.post(
        "/api/articles",
        data={
            "text": UPLOAD_TEXT,
            "title": "Water board to review dam release",
            "outlet": "Ridge Courier",
            "published": "2032-04-08",
        },
    )
    assert again.status_code == 201 and again.json()["added"][0]["new"] is False
    assert len(real.get("/api/articles").json()) == before + 1


def test_whats_new_page_and_api(tmp_path: Path) -> None:
    result = build_result()
    # The council meeting told twice in one article: the page links that article once.
    herald = next(a for a in result.articles if a.id == "herald-0308")
    meeting = next(e for e in result.events if e.id == "ev-meeting")
    at = herald.text.index("We can reopen")
    meeting.mentions.append(EventMention("herald-0308", at, at + 13))
    db = fill_store(tmp_path / "store.db", result)  # untouched by other tests' uploads
    with TestClient(create_app(db, Settings())) as client:
        _check_whats_new(client)


def _check_whats_new(client: TestClient) -> None:
    form = client.get("/whats-new")
    assert form.status_code == 200 and 'type="date" name="since"' in form.text
    assert "What&#39;s new</a>" in client.get("/").text or "What's new</a>" in client.get("/").text
    page = client.get("/whats-new", params={"since": "2031-03-08"})
    assert page.status_code == 200
    assert "new articles since 2031-03-08" in page.text
    # Every statement and figure links to its passage in its article.
    links = re.findall(r'href="(/articles/[^"]+\?s=\d+&amp;e=\d+#p-\d+)"', page.text)
    assert links, page.text
    # One link per article on each line, however often the article tells it.
    for item in re.findall(r"<li>.*?</li>", page.text, re.S):
        linked = re.findall(r'href="/articles/([^"?]+)\?', item)
        assert len(linked) == len(set(linked)), item
    news = client.get("/api/whats-new", params={"since": "2031-03-08"}).json()
    assert set(news["articles"]) >= {"post-0308", "herald-0308"}
    assert "herald-0301" not in news["articles"]
    whole = client.get("/api/storyline.json").json()
    texts = {a["id"]: a["text"] for a in whole["articles"]}
    for group in news["quotes"]:
        for q in group["quotes"]:
            assert q["article"] in news["articles"]
            assert texts[q["article"]][q["start"] : q["end"]] == q["text"]
    later = client.get("/api/whats-new", params={"since": "2040-01-01"}).json()
    assert later["articles"] == [] and later["quotes"] == [] and later["events"] == []
    assert "Nothing new." in client.get("/whats-new", params={"since": "2040-01-01"}).text
    bad = client.get("/api/whats-new", params={"since": "2031-02-30"})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("since:")
    assert client.get("/api/whats-new", params={"since": "soon"}).status_code == 422
    assert client.get("/whats-new", params={"since": "2031-02-30"}).status_code == 422
