"""Article and feed URLs: fetched with httpx, size- and time-limited."""

from __future__ import annotations

import errno
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.errors import FetchError
from storyline.ingest.decode import too_large

if TYPE_CHECKING:
    import httpx

USER_AGENT = "storyline/0.1 (news analysis; +https://example.invalid/storyline)"


@dataclass
class Fetched:
    """A response body and what the server said it is."""

    url: str  # after redirects
    content_type: str  # media type only, lower case: "text/html"
    charset: str | None
    data: bytes


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float, limit: int) -> Fetched:
    """GET ``url``; the whole fetch must finish within ``timeout`` seconds.

    The body is streamed and abandoned as soon as it passes ``limit`` bytes, so
    an oversized page is never held in memory.
    """
    import httpx  # imported only when a URL is read

    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                timeout=httpx.Timeout(timeout),
                follow_redirects=True,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                phrase = response.reason_phrase or ""
                raise FetchError(url, f"HTTP {response.status_code} {phrase}".strip())
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise too_large(url, int(declared), limit)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise too_large(url, size, limit)
                if time.monotonic() > deadline:
                    raise FetchError(url, f"timed out after {timeout:g} s")
                chunks.append(chunk)
            media, _, params = response.headers.get("content-type", "").partition(";")
            return Fetched(
                url=str(response.url),
                content_type=media.strip().lower(),
                charset=_charset(params),
                data=b"".join(chunks),
            )
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"timed out after {timeout:g} s") from exc
    except httpx.ConnectError as exc:
        raise FetchError(url, _connect_reason(exc)) from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError(url, "too many redirects") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"invalid URL: {exc}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"fetch failed: {type(exc).__name__}: {exc}") from exc


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.strip().lower() == "charset" and value:
            return value.strip().strip("\"'").lower()
    return None


def _connect_reason(exc: httpx.ConnectError) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, OSError) and cause.errno == errno.ECONNREFUSED:
            return "connection refused"
        if isinstance(cause, OSError) and cause.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
            return "host unreachable"
        cause = cause.__cause__ or cause.__context__
    text = str(exc)
    if "refused" in text.lower():
        return "connection refused"
    if "name or service not known" in text.lower() or "nodename nor servname" in text.lower():
        return "unknown host"
    return f"could not connect: {text or type(exc).__name__}"
