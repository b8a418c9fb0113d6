"""Article and feed URLs, against servers these tests start on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.ingest import read_inputs
from storyline.model import InputFailure, RawDocument
from storyline.settings import Settings

Item = RawDocument | InputFailure

PARA = (
    "The harbour authority of Velmont said on Tuesday that talks with the pilots' union had "
    "stalled after six hours, leaving commuters facing another week of cancelled crossings."
)
PAGE = f"""<!DOCTYPE html><html><head><title>Talks stall</title>
<meta property="og:site_name" content="The Kestrel Gazette">
<meta name="author" content="Mara Ellison">
<meta property="article:published_time" content="2024-11-05">
</head><body><article><h1>Talks stall</h1><p>{PARA}</p>
<p>\u201cWe are not moving,\u201d union secretary Tom Bray told reporters on the quay.</p>
</article></body></html>"""
FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Velmont Evening Courier</title>
<item><title>Pilots vote to strike</title><link>https://courier.example/1</link>
<pubDate>Mon, 04 Nov 2024 18:30:00 GMT</pubDate><description>{PARA}</description></item>
<item><title>Talks resume</title><link>https://courier.example/2</link>
<description>Talks resumed on Thursday.</description></item>
</channel></rss>"""
TEXT = "5 November 2024, 09:12\n" + PARA


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {
        "/article": (200, "text/html; charset=utf-8", PAGE.encode("utf-8")),
        "/legacy": (200, "text/html; charset=windows-1252", PAGE.encode("cp1252")),
        "/feed": (200, "application/rss+xml", FEED.encode("utf-8")),
        "/feed-as-xml": (200, "text/xml", FEED.encode("utf-8")),
        "/plain": (200, "text/plain; charset=utf-8", TEXT.encode("utf-8")),
        "/menu": (200, "text/html", b"<html><body><nav>Home News</nav></body></html>"),
        "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "/big": (200, "text/html", b"<html><body>" + b"x" * 5000 + b"</body></html>"),
    }

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/stream-big":
            # no Content-Length: the limit must hold while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(50):
                chunk = b"<p>" + b"y" * 1000 + b"</p>"
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"gone"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections (the kernel completes the handshake) and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/article"
    finally:
        sock.close()


def read(urls: list[str], settings: Settings | None = None) -> list[Item]:
    return list(read_inputs(urls, settings or Settings(fetch_timeout=5.0)))


def test_article_url(server: str) -> None:
    [doc] = read([f"{server}/article"])
    assert isinstance(doc, RawDocument)
    assert doc.format == "url"
    assert doc.source == f"{server}/article"
    assert doc.url == f"{server}/article"
    assert (doc.title, doc.outlet, doc.byline) == ("Talks stall", "The Kestrel Gazette",
                                                   "Mara Ellison")
    assert doc.published == "2024-11-05"
    assert doc.text.startswith(PARA)


def test_redirect_is_followed_and_final_url_kept(server: str) -> None:
    [doc] = read([f"{server}/moved"])
    assert isinstance(doc, RawDocument)
    assert doc.source == f"{server}/moved"
    assert doc.url == f"{server}/article"


def test_charset_from_the_server_is_used(server: str) -> None:
    [doc] = read([f"{server}/legacy"])
    assert isinstance(doc, RawDocument)
    assert "\u201cWe are not moving,\u201d" in doc.text


@pytest.mark.parametrize("route", ["/feed", "/feed-as-xml"])
def test_feed_url(server: str, route: str) -> None:
    items = read([f"{server}{route}"])
    first, second = items
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.format == "feed" and first.source == f"{server}{route}"
    assert (first.outlet, first.title, first.url) == (
        "Velmont Evening Courier", "Pilots vote to strike", "https://courier.example/1"
    )
    assert first.published == "2024-11-04"
    assert second.text == "Talks resumed on Thursday."


def test_plain_text_url_lifts_its_header(server: str) -> None:
    [doc] = read([f"{server}/plain"])
    assert isinstance(doc, RawDocument)
    assert doc.published == "2024-11-05"
    assert doc.text == PARA
    assert doc.url == f"{server}/plain"


def test_url_answering_404(server: str) -> None:
    [failure] = read([f"{server}/missing"])
    assert isinstance(failure, InputFailure)
    assert (failure.source, failure.reason) == (f"{server}/missing", "HTTP 404 Not Found")


def test_url_that_times_out(silent_server: str) -> None:
    started = time.monotonic()
    [failure] = read([silent_server], Settings(fetch_timeout=0.3))
    elapsed = time.monotonic() - started
    assert isinstance(failure, InputFailure)
    assert (failure.source, failure.reason) == (silent_server, "timed out after 0.3 s")
    assert elapsed < 5


def test_connection_refused() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    [failure] = read([f"http://127.0.0.1:{port}/x"])
    assert isinstance(failure, InputFailure)
    assert failure.reason == "connection refused"


def test_url_without_article_text(server: str) -> None:
    [failure] = read([f"{server}/menu"])
    assert isinstance(failure, InputFailure)
    assert failure.reason == "no article text found"


def test_url_serving_an_image(server: str) -> None:
    [failure] = read([f"{server}/image"])
    assert isinstance(failure, InputFailure)
    assert failure.reason == "binary content (PNG image), not an article"


@pytest.mark.parametrize("route", ["/big", "/stream-big"])
def test_url_over_the_size_limit(server: str, route: str) -> None:
    [failure] = read([f"{server}{route}"], Settings(max_input_bytes=2000, fetch_timeout=5.0))
    assert isinstance(failure, InputFailure)
    assert failure.reason.startswith("too large: ")
    assert "over the limit of 2,000 bytes" in failure.reason


def test_good_url_after_bad_ones(server: str, tmp_path: Path) -> None:
    items = read([f"{server}/missing", str(tmp_path / "nope.txt"), f"{server}/article"])
    assert [type(i).__name__ for i in items] == ["InputFailure", "InputFailure", "RawDocument"]
