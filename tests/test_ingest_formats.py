"""HTML, JSON Lines, JSON, feeds and folders, each with invented content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.ingest import read_inputs
from storyline.ingest.feeds import outlet_name, strip_html
from storyline.ingest.inputs import file_format
from storyline.model import InputFailure, RawDocument
from storyline.settings import Settings

Item = RawDocument | InputFailure

PARA1 = (
    "The harbour authority of Velmont said on Tuesday that talks with the pilots' union had "
    "stalled after six hours, leaving commuters facing another week of cancelled crossings."
)
PARA2 = (
    "\u201cWe are not moving,\u201d union secretary Tom Bray told reporters outside the offices "
    "on the quay, adding that members would meet again on Friday."
)

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Harbour talks stall | The Kestrel Gazette</title>
<meta property="og:site_name" content="The Kestrel Gazette">
<meta property="og:title" content="Harbour talks stall">
<meta name="author" content="Mara Ellison">
<meta property="article:published_time" content="2024-11-05T10:00:00Z">
<link rel="canonical" href="https://kestrel.example/news/harbour-talks-stall">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour talks stall</h1><p>{PARA1}</p><p>{PARA2}</p></article>
<footer>Copyright The Kestrel Gazette</footer>
</body></html>"""

RSS_FEED = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Velmont Evening Courier</title>
  <link>https://courier.example/</link>
  <item>
    <title>Pilots vote to strike</title>
    <link>https://courier.example/pilots-strike</link>
    <pubDate>Mon, 04 Nov 2024 18:30:00 GMT</pubDate>
    <author>desk@courier.example (Anya Petrov)</author>
    <description>Short summary only.</description>
    <content:encoded><![CDATA[<p>{PARA1}</p><p><b>Bold</b> &amp; {PARA2}</p>]]></content:encoded>
  </item>
  <item>
    <title>Talks resume</title>
    <link>https://courier.example/talks-resume</link>
    <pubDate>Thu, 07 Nov 2024 08:00:00 GMT</pubDate>
    <description>&lt;p&gt;Talks between the pilots and the port resumed on Thursday.&lt;/p&gt;
    </description>
  </item>
</channel></rss>"""

ATOM_FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Kestrel Wire</title>
  <id>urn:kestrel-wire</id>
  <updated>2024-11-06T12:00:00Z</updated>
  <entry>
    <title>Port owners make new offer</title>
    <link href="https://wire.example/offer"/>
    <id>urn:kestrel-wire:1</id>
    <updated>2024-11-06T12:00:00Z</updated>
    <author><name>Lee Marsh</name></author>
    <content type="html">&lt;p&gt;{PARA1}&lt;/p&gt;</content>
  </entry>
</feed>"""


def read(paths: list[Path | str], settings: Settings | None = None) -> list[Item]:
    return list(read_inputs([str(p) for p in paths], settings or Settings()))


def docs(items: list[Item]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def failures(items: list[Item]) -> list[InputFailure]:
    return [i for i in items if isinstance(i, InputFailure)]


# --- HTML -----------------------------------------------------------------------------


def test_html_page_gives_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "talks.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [doc] = read([path])
    assert isinstance(doc, RawDocument)
    assert doc.format == "html"
    assert doc.title == "Harbour talks stall"
    assert doc.outlet == "The Kestrel Gazette"
    assert doc.byline == "Mara Ellison"
    assert doc.url == "https://kestrel.example/news/harbour-talks-stall"
    assert (doc.published, doc.published_precision) == ("2024-11-05", "day")
    assert doc.text.startswith(PARA1[:40])
    assert "We are not moving" in doc.text
    assert "Sport" not in doc.text and "Copyright" not in doc.text


def test_html_is_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "saved-page"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [doc] = read([path])
    assert isinstance(doc, RawDocument)
    assert doc.format == "html"
    assert doc.outlet == "The Kestrel Gazette"


def test_html_in_cp1252_keeps_curly_quotes(tmp_path: Path) -> None:
    path = tmp_path / "legacy.htm"
    path.write_bytes(HTML_PAGE.replace("UTF-8", "windows-1252").encode("cp1252"))
    [doc] = read([path])
    assert isinstance(doc, RawDocument)
    assert "\u201cWe are not moving,\u201d" in doc.text


# --- JSON Lines and JSON --------------------------------------------------------------


def test_jsonl_lines_carry_their_metadata(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    rows = [
        {"id": "kw-1", "text": PARA1, "title": "Talks stall", "outlet": "Kestrel Wire",
         "url": "https://wire.example/1", "published": "2024-11-05T10:00:00Z",
         "author": ["Lee Marsh", "Ada Fenn"]},
        {"id": 2, "text": PARA2, "published": "2024-11", "byline": "Mara Ellison"},
        {"text": PARA1, "published": "sometime soon"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    items = read([path])
    assert failures(items) == []
    first, second, third = docs(items)
    assert (first.id, first.title, first.outlet, first.url) == (
        "kw-1", "Talks stall", "Kestrel Wire", "https://wire.example/1"
    )
    assert first.byline == "Lee Marsh, Ada Fenn"
    assert (first.published, first.published_precision) == ("2024-11-05", "day")
    assert (second.id, second.byline) == ("2", "Mara Ellison")
    assert (second.published, second.published_precision) == ("2024-11", "month")
    assert all(d.source == str(path) and d.format == "jsonl" for d in (first, second, third))
    # an unreadable date keeps the article and says what was not understood
    assert third.published is None
    assert [(r.text, r.reason) for r in third.removed] == [
        ("published: sometime soon", "unrecognised date")
    ]


def test_json_list_object_and_articles_wrapper(tmp_path: Path) -> None:
    listing = tmp_path / "a.json"
    listing.write_text(json.dumps([{"text": PARA1, "id": "x1"}, {"text": PARA2}]))
    single = tmp_path / "b.json"
    single.write_text(json.dumps({"text": PARA2, "title": "Bray speaks"}))
    wrapped = tmp_path / "c.json"
    wrapped.write_text(json.dumps({"articles": [{"text": PARA1, "outlet": "Kestrel Wire"}]}))
    items = read([listing, single, wrapped])
    assert failures(items) == []
    got = docs(items)
    assert [d.format for d in got] == ["json"] * 4
    assert [d.source for d in got] == [str(listing)] * 2 + [str(single), str(wrapped)]
    assert got[0].id == "x1"
    assert got[2].title == "Bray speaks"
    assert got[3].outlet == "Kestrel Wire"


def test_json_items_without_text_fail_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([{"text": PARA1}, {"title": "no body"}, "a string"]))
    items = read([path])
    assert len(docs(items)) == 1
    assert [(f.source, f.reason) for f in failures(items)] == [
        (f"{path}[item 2]", "no 'text' field"),
        (f"{path}[item 3]", "expected an object, got str"),
    ]


def test_malformed_json_file_fails_with_position(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"text": "x"},\n {"text": }]')
    [item] = read([path])
    assert isinstance(item, InputFailure)
    assert item.source == str(path)
    assert item.reason.startswith("invalid JSON:") and "line 2" in item.reason


def test_jsonl_is_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "export.data"
    path.write_text(json.dumps({"text": PARA1}) + "\n" + json.dumps({"text": PARA2}) + "\n")
    items = read([path])
    assert [d.format for d in docs(items)] == ["jsonl", "jsonl"]


# --- feeds ----------------------------------------------------------------------------


def test_rss_feed_gives_one_document_per_entry(tmp_path: Path) -> None:
    path = tmp_path / "courier.rss"
    path.write_text(RSS_FEED, encoding="utf-8")
    items = read([path])
    assert failures(items) == []
    first, second = docs(items)
    assert first.format == "feed" and first.source == str(path)
    assert first.outlet == "Velmont Evening Courier"
    assert first.title == "Pilots vote to strike"
    assert first.url == "https://courier.example/pilots-strike"
    assert first.byline == "Anya Petrov"
    assert (first.published, first.published_precision) == ("2024-11-04", "day")
    # full content preferred over the summary, tags stripped, paragraphs kept
    assert first.text.startswith(PARA1 + "\n\nBold & \u201cWe are not moving")
    assert "<" not in first.text
    assert second.text == "Talks between the pilots and the port resumed on Thursday."
    assert second.byline is None


def test_atom_feed_is_sniffed_from_xml(tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(ATOM_FEED, encoding="utf-8")
    [doc] = read([path])
    assert isinstance(doc, RawDocument)
    assert (doc.outlet, doc.title, doc.byline) == ("Kestrel Wire", "Port owners make new offer",
                                                    "Lee Marsh")
    assert doc.url == "https://wire.example/offer"
    assert doc.published == "2024-11-06"
    assert doc.text == PARA1


def test_feed_entry_without_text_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "thin.rss"
    path.write_text(RSS_FEED.replace(
        "<title>Talks resume</title>", "<title>Talks resume</title><description></description>"
    ).replace("&lt;p&gt;Talks between the pilots and the port resumed on Thursday.&lt;/p&gt;",
              ""), encoding="utf-8")
    items = read([path])
    assert len(docs(items)) == 1
    [failure] = failures(items)
    assert failure.source == str(path)
    assert failure.reason == "entry 2 ('Talks resume'): no article text found"


def test_strip_html_keeps_paragraphs_and_drops_scripts() -> None:
    markup = "<div><p>One &amp; <i>two</i></p><script>var x = 1;</script><p>Three</p></div>"
    assert strip_html(markup) == "One & two\n\nThree"


# --- folders and mixes ----------------------------------------------------------------


def test_folder_is_walked_sorted_recursively_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "two.txt").write_text(PARA2)
    (tmp_path / "a" / "one.txt").write_text(PARA1)
    (tmp_path / "a" / "zz.jsonl").write_text(json.dumps({"text": PARA2}) + "\n")
    (tmp_path / "c.txt").write_text(PARA1)
    (tmp_path / ".hidden.txt").write_text(PARA1)
    (tmp_path / ".cache" / "x.txt").write_text(PARA1)
    items = read([tmp_path])
    assert failures(items) == []
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs(items)] == [
        "a/one.txt", "a/zz.jsonl", "b/two.txt", "c.txt"
    ]
    assert read([tmp_path]) == items  # same order every time


def test_a_folders_readme_and_licence_are_not_articles(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Our clippings\n\n" + PARA1)
    (tmp_path / "LICENSE").write_text(PARA2)
    (tmp_path / "readme-not.txt").write_text(PARA1)  # only the exact names are notes
    (tmp_path / "story.txt").write_text(PARA2)
    names = [Path(d.source).name for d in docs(read([tmp_path]))]
    assert names == ["readme-not.txt", "story.txt"]
    # Named on its own, a README is read like any file.
    assert [Path(d.source).name for d in docs(read([tmp_path / "README.md"]))] == ["README.md"]


def test_mix_of_formats_in_one_call(tmp_path: Path) -> None:
    text = tmp_path / "one.txt"
    text.write_text("By Jane Okafor\n" + PARA1)
    page = tmp_path / "two.html"
    page.write_text(HTML_PAGE)
    feed = tmp_path / "three.atom"
    feed.write_text(ATOM_FEED)
    lines = tmp_path / "four.jsonl"
    lines.write_text(json.dumps({"text": PARA2, "id": "j1"}))
    items = read([text, page, feed, lines])
    assert [d.format for d in docs(items)] == ["text", "html", "feed", "jsonl"]
    assert failures(items) == []


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    [item] = read([tmp_path])
    assert isinstance(item, InputFailure)
    assert item.reason == "folder holds no files"


def test_file_format_prefers_extension_then_content() -> None:
    html = HTML_PAGE.encode()
    assert file_format(".txt", html, HTML_PAGE) == "html"
    assert file_format(".xml", RSS_FEED.encode(), RSS_FEED) == "feed"
    assert file_format("", RSS_FEED.encode(), RSS_FEED) == "feed"
    assert file_format(".txt", b'{"text": "x"}', '{"text": "x"}') == "text"
    assert file_format(".dat", b'{"text": "x"}', '{"text": "x"}') == "json"
    assert file_format(".md", b"# Notes", "# Notes") == "text"


def test_a_single_path_given_bare_is_one_input(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(PARA1)
    items = list(read_inputs(str(path), Settings()))
    assert [type(i).__name__ for i in items] == ["RawDocument"]


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        ("Freight Ledger – Ports & Shipping", "Freight Ledger"),
        ("Daily Tribune | World", "Daily Tribune"),
        ("Coast Post: Latest headlines", "Coast Post"),
        ("Harbour News - Home", "Harbour News"),
        ("Kestrel Wire", "Kestrel Wire"),
        ("Anglo-Baltic Shipping Review", "Anglo-Baltic Shipping Review"),  # a hyphenated name
        (None, None),
    ],
)
def test_a_feeds_outlet_is_its_title_without_the_section(
    title: str | None, outlet: str | None
) -> None:
    assert outlet_name(title) == outlet
