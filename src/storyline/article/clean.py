"""Cleaning: from a reader's raw body to the article text every offset refers to.

Page furniture comes out line by line, and every line taken out is kept in
``Article.removed`` with one of the fixed :data:`REASONS`. The rules only ever
remove whole lines whose shape cannot be an article sentence (a caption ending
in a photo credit, a "Read more:" link, a lone crosshead between paragraphs);
anything in doubt stays in the text. Sentences that are kept are copied
character for character: only whitespace inside a line is normalised, and
hard-wrapped lines of one paragraph are joined with a space.

The cleaned text has one paragraph per block, separated by a blank line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from storyline.article.damage import find_damage
from storyline.article.published import resolve_published
from storyline.errors import InputFormatError
from storyline.ingest.dates import parse_dateline
from storyline.model import Article, RawDocument, Removed, content_id
from storyline.settings import Settings

# The fixed vocabulary of reasons in ``Article.removed``.
CAPTION = "caption"
READ_MORE = "read more"
DONT_MISS = "don't miss"
SECTION_TAGS = "section tags"
RELATED = "related"
COMMENTS_NOTICE = "comments notice"
SHARE_PROMPT = "share prompt"
SUBSCRIBE_PROMPT = "subscribe prompt"
MEDIA_PROMPT = "media prompt"
ADVERTISEMENT = "advertisement"
SUBHEADING = "subheading"
SHOW_HEADER = "show header"
DATELINE = "dateline"
DATE_LABEL = "date label"
DATE_HEADER = "date header"
MASTHEAD = "masthead"
TITLE = "title"
BYLINE = "byline"
REASONS = frozenset(
    {
        CAPTION, READ_MORE, DONT_MISS, SECTION_TAGS, RELATED, COMMENTS_NOTICE, SHARE_PROMPT,
        SUBSCRIBE_PROMPT, MEDIA_PROMPT, ADVERTISEMENT, SUBHEADING, SHOW_HEADER, DATELINE,
        DATE_LABEL, DATE_HEADER, MASTHEAD, TITLE, BYLINE,
    }
)  # fmt: skip

# Lines a caption or a link list may run to; longer lines are article text.
MAX_CAPTION_CHARS = 300
MAX_HEADLINE_WORDS = 20
MAX_LINKS_AFTER_LABEL = 5
MAX_SUBHEADING_WORDS = 8
MAX_SUBHEADING_CHARS = 70
# Metadata lines (masthead, title, byline) are only looked for this near the top.
HEADER_LINES = 8

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = re.compile(r"[^\S\n]+")
_CLOSERS = "\"'”’»)]"
_SENTENCE_END = ".!?…:;"
_QUOTES = '"“”‘’«»'

_AGENCY = (
    r"PA(?: Wire| Media| Archive| Images)?|AP|AFP|Reuters|Getty(?: Images)?|EPA(?:-EFE)?"
    r"|Alamy(?: Stock Photo)?|Shutterstock|Bloomberg|Rex(?: Features)?|Xinhua|Anadolu"
    r"|DPA|dpa|Sipa(?: USA)?|NurPhoto|UPI|TASS|Sputnik|Pool|SWNS|ZUMA(?: Wire)?|WireImage"
)
_CREDIT_LABEL = re.compile(
    r"\((?:Images?|Photos?|Photograph|Picture|Pic|Credit|Video|Source)\s*:[^()]*\)\s*$",
    re.IGNORECASE,
)
_AGENCY_CREDIT = re.compile(
    rf"\((?:(?:[\w.'’-]+\s+){{0,4}}via\s+)?(?:{_AGENCY})(?:\s+via\s+(?:{_AGENCY}))?\)\s*$"
)
_NAME_AGENCY_CREDIT = re.compile(
    r"\((?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*/\s*"
    r"(?P<agency>[A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,4})\)\s*$"
)
_CREDIT_LINE = re.compile(
    r"^(?:Images?|Photos?|Photograph|Picture|Credit|Pictured)\s*:\s*\S.{0,80}$", re.IGNORECASE
)
_MONTHS = "JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
# Getty/agency captions: "LONDON, ENGLAND – MARCH 2: (L-R) ..."
_AGENCY_CAPTION = re.compile(
    rf"^[A-Z][A-Z .'’-]+,(?:\s+[A-Z][A-Z .'’-]+,?)?\s+[–—-]\s+(?:{_MONTHS})\s+\d{{1,2}}"
    r"(?:,\s*\d{4})?\s*:"
)
_READ_MORE = re.compile(
    r"^(?:read more|read also|also read|see also|more from|more on this)\s*"
    r"(?P<rest>[:…|>»\-–—].*|\.{3}.*)?$",
    re.IGNORECASE,
)
_MEDIA = re.compile(r"^(?:WATCH|LISTEN|Watch|Listen|VIDEO|Video)\s*[:|>»]")
_DONT_MISS = re.compile(r"^don['’]?t miss\b\s*(?P<rest>.*)$", re.IGNORECASE)
_TAGS = re.compile(r"^(?:\[[^\[\]\n]{1,40}\]\s*)+$")
_RELATED_LABEL = re.compile(
    r"^(?:related(?: stories| story| articles?| content| news| topics| links| coverage"
    r"| reading)?|more on this story|more stories|you may also like|recommended(?: for you"
    r"| reading| stories)?|most read|trending(?: now)?)\s*:?$",
    re.IGNORECASE,
)
_RELATED_LINK = re.compile(r"^related\s*:\s*\S", re.IGNORECASE)
# Anchored at the line start: "The ministry said it was not accepting comments" is news.
_COMMENTS = re.compile(
    r"^(?:sorry,? )?(?:we are|we're|we are currently) not accepting comments"
    r"|^(?:comments|commenting) (?:are|is|have been|has been) (?:now )?"
    r"(?:closed|disabled|turned off)"
    r"|^(?:view|show|load|read|see) (?:all |more )?(?:\d+ )?comments?$|^\d+ comments?$"
    r"|^comments?(?: \(\d+\))?$|^(?:join|start) the (?:conversation|discussion|debate)\b[^.!?]*$"
    r"|^(?:leave|add|post) a comment\b[^.!?]*$|^most (?:popular|recent) comments$",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^(?:share(?: this| the)?(?: article| story| page| post)?(?: on| via| with)?"
    r"(?: facebook| twitter| x| whatsapp| email| linkedin| reddit| messenger)*|"
    r"(?:click|tap) (?:here )?to share.*|copy link|link copied|print this (?:article|page)"
    r"|email this (?:article|story)|share or comment on this article.*)\s*:?$",
    re.IGNORECASE,
)
_SUBSCRIBE = re.compile(
    r"^(?:sign up|subscribe|register)\b.{0,150}\b(?:newsletters?|e-?mails?|inbox|alerts"
    r"|podcasts?|notifications)\b|^(?:sign up|subscribe|register)(?: now| today| here| free"
    r"| for free)*\s*[!.]?$|^(?:get|receive) (?:our|the) .{0,80}"
    r"(?:newsletters?|inbox|updates|alerts)\b|^(?:follow|like) us on\b"
    r"|^thank you for subscribing|^we use your sign-up|^invalid email"
    r"|^something went wrong,? please try again",
    re.IGNORECASE,
)
_ADVERT = re.compile(
    r"^(?:advertisement|advert|sponsored(?: content)?|story continues below(?: advertisement)?"
    r"|continue reading(?: below)?|article continues below.*)$",
    re.IGNORECASE,
)
_TIME = r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)"
_SHOW_HEADER = re.compile(rf"^\S.{{0,60}}?\s+{_TIME}\s*[-–—]\s*{_TIME}$", re.IGNORECASE)
_DATE_LABEL = re.compile(
    r"^(?:(?:first )?published|(?:last )?updated|posted|last modified)(?: on| at)?\s*:?$",
    re.IGNORECASE,
)
_UPDATED_PREFIX = re.compile(r"^(?:last\s+)?(?:updated|modified)\s*(?:on|at|:)?\s*", re.I)
_DATE_HEADER = re.compile(r"^date\s+\d{4}(?:-\d{2}){0,2}\b\s*", re.IGNORECASE)
_BYLINE = re.compile(r"^By\s+(?:contributor\s+)?[A-Z][\w.'’-]+(?:\s+\S+){0,12}$")
# Finite verbs that make a short unpunctuated line a sentence, not a crosshead.
_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|said|says|told|can|could|did|does)\b",
    re.IGNORECASE,
)
_STOPWORDS = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by"}
    | {"from", "as", "is", "are", "his", "her", "its", "their"}
)


@dataclass
class _Unit:
    """A line of the body on its way through the passes: kept, or removed with a reason."""

    text: str
    block: int  # lines of one block are separated by a single newline
    reason: str | None = None


def clean_document(raw: RawDocument, settings: Settings) -> Article:
    """Clean ``raw`` into an :class:`Article`; raise when no article text is left."""
    units = _units(raw.text)
    _remove_header_lines(units, raw)
    for unit in units:
        if unit.reason is None:
            unit.reason = furniture_reason(unit.text)
    _remove_link_lists(units)
    paragraphs = _paragraphs(units)
    _remove_alt_text(paragraphs)
    _remove_subheadings(paragraphs)
    removed = [Removed(p.text, p.reason) for p in paragraphs if p.reason is not None]
    text = "\n\n".join(p.text for p in paragraphs if p.reason is None)
    if len(text) < settings.min_article_chars:
        raise InputFormatError(
            raw.source,
            f"no article text (the cleaned body has {len(text)} characters, "
            f"fewer than min_article_chars={settings.min_article_chars})",
        )
    published, precision = resolve_published(raw, text)
    return Article(
        id=raw.id or content_id(raw.text),
        source=raw.source,
        text=text,
        title=raw.title,
        outlet=raw.outlet,
        byline=raw.byline,
        url=raw.url,
        published=published,
        published_precision=precision,
        removed=[*raw.removed, *removed],
        damage=find_damage(text),
        fingerprint=raw.fingerprint(),
    )


def normalise_line(line: str) -> str:
    """One line with invisible characters dropped and inner whitespace collapsed."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", line)).strip()


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends with terminal punctuation (closing quotes aside)."""
    stripped = line.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def furniture_reason(line: str) -> str | None:
    """Why this line, on its own, is page furniture; ``None`` if it may be article text."""
    if not line:
        return None
    if _is_caption(line):
        return CAPTION
    words = len(line.split())
    # Cheapest and most common first; the dateline parser runs only if nothing else hit.
    checks: tuple[tuple[str, Callable[[], bool]], ...] = (
        (READ_MORE, lambda: _READ_MORE.match(line) is not None),
        (DONT_MISS, lambda: _is_dont_miss(line)),
        (SECTION_TAGS, lambda: _TAGS.match(line) is not None),
        (RELATED, lambda: bool(_RELATED_LABEL.match(line) or _RELATED_LINK.match(line))),
        (COMMENTS_NOTICE, lambda: words <= 25 and _COMMENTS.search(line) is not None),
        (SHARE_PROMPT, lambda: words <= 12 and _SHARE.match(line) is not None),
        (SUBSCRIBE_PROMPT, lambda: words <= 25 and _SUBSCRIBE.search(line) is not None),
        (
            MEDIA_PROMPT,
            lambda: words <= 20 and bool(_MEDIA.match(line)) and not ends_sentence(line),
        ),
        (ADVERTISEMENT, lambda: _ADVERT.match(line) is not None),
        (SHOW_HEADER, lambda: words <= 12 and _SHOW_HEADER.match(line) is not None),
        (DATE_LABEL, lambda: _DATE_LABEL.match(line) is not None),
        (DATELINE, lambda: _is_dateline(line)),
    )
    for reason, hit in checks:
        if hit():
            return reason
    return None


def _is_caption(line: str) -> bool:
    if _AGENCY_CAPTION.match(line) or (
        _CREDIT_LINE.match(line) and not ends_sentence(line) and len(line.split()) <= 12
    ):
        return True
    if len(line) > MAX_CAPTION_CHARS:
        return False  # a long line ending in a credit is a paragraph, never dropped whole
    if _CREDIT_LABEL.search(line):
        return True
    if _NAME_AGENCY_CREDIT.search(line):
        return True  # "(Yui Mok/PA)": photographer and agency, only ever a credit
    m = _AGENCY_CREDIT.search(line)
    if m is None:
        return False
    before = line[: m.start()]
    # "Oil prices rose. (Reuters)" is a wire sentence with its source, and "... told
    # the Press Association (PA)" spells out a name: only an unpunctuated line
    # ending in a bare agency is a caption ("Sir Keir at the summit (PA)").
    return not ends_sentence(before) and not _spells_out(before, m.group(0).strip().strip("()"))


def _spells_out(before: str, acronym: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", acronym)
    words = re.findall(r"[A-Za-z][\w’'-]*", before)
    initials = "".join(w[0] for w in words if w[0].isupper())
    return len(letters) >= 2 and initials.endswith(letters.upper())


def _is_dont_miss(line: str) -> bool:
    m = _DONT_MISS.match(line)
    if m is None:
        return False
    rest = m.group("rest")
    # "Don't miss…", "Don't miss: <headline>", "Don’t miss… [POLITICS]": never a
    # sentence such as "Don't miss the deadline, she warned."
    return (
        rest == ""
        or rest[0] in ":…|>»-–—"
        or rest.startswith("...")
        or _TAGS.match(rest) is not None
        or _TAGS.match(rest.lstrip(".…: ")) is not None
    )


def _is_dateline(line: str) -> bool:
    if len(line) > 100 or not re.search(r"\d", line):
        return False
    return parse_dateline(_UPDATED_PREFIX.sub("", line)) is not None


# Furniture glued to the start of a paragraph when a page lost a line break:
# "Related StoryMartin Calloway said ..." or "... on this article.The union ...".
_GLUED = re.compile(
    r"^(?i:(?P<related>related stor(?:y|ies)|related articles?|more on this story)"
    r"|(?P<comments>sorry,? we are not accepting comments on this article\.)"
    r"|(?P<dontmiss>don['’]?t miss(?:…|\.\.\.)))"
    r"\s*(?=[A-Z“\"‘'])"  # case-sensitive: the glued paragraph starts a sentence
)
_GLUED_REASONS = {"related": RELATED, "comments": COMMENTS_NOTICE, "dontmiss": DONT_MISS}


def _split_glued(line: str, block: int) -> list[_Unit]:
    """A paragraph with furniture glued to its start, as two units."""
    match = _GLUED.match(line)
    if match is None or match.end() == len(line):
        return [_Unit(line, block)]
    reason = _GLUED_REASONS[next(k for k, v in match.groupdict().items() if v)]
    return [_Unit(match.group(0).strip(), block, reason), _Unit(line[match.end() :], block)]


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    block = 0
    for raw_line in re.split(r"\r\n|\r|\n|\u2028|\u2029", text):
        line = normalise_line(raw_line)
        if not line:
            block += 1
            continue
        if not units:
            # "date 2025-03 Volodymyr Zelensky has ...": a header glued to the first line.
            header = _DATE_HEADER.match(line)
            if header is not None:
                units.append(_Unit(header.group(0).strip(), block, DATE_HEADER))
                line = line[header.end() :]
                if not line:
                    continue
        units.extend(_split_glued(line, block))
    return units


def _remove_header_lines(units: list[_Unit], raw: RawDocument) -> None:
    # What the reader already lifted into fields may still head the body.
    known = (
        (raw.outlet, MASTHEAD),
        (raw.title, TITLE),
        (raw.byline, BYLINE),
    )
    for unit in units[:HEADER_LINES]:
        folded = unit.text.casefold()
        for value, reason in known:
            if value and folded == normalise_line(value).casefold():
                unit.reason = reason
                break
        else:
            if _BYLINE.match(unit.text) and not ends_sentence(unit.text):
                unit.reason = BYLINE


def _headline_like(line: str) -> bool:
    words = len(line.split())
    return (
        2 <= words <= MAX_HEADLINE_WORDS
        and not ends_sentence(line)
        and line[0] not in _QUOTES
        and not line[0].islower()
    )


def _remove_link_lists(units: list[_Unit]) -> None:
    # A bare "Read more" / "Don't miss…" / "Related articles" label is followed by the
    # headlines it links to: unpunctuated short lines, taken with the label.
    for i, unit in enumerate(units):
        if unit.reason not in (READ_MORE, DONT_MISS, RELATED) or not _bare_label(unit.text):
            continue
        for nxt in units[i + 1 : i + 1 + MAX_LINKS_AFTER_LABEL]:
            if nxt.reason is not None or not _headline_like(nxt.text):
                break
            nxt.reason = unit.reason


def _bare_label(line: str) -> bool:
    rest = re.sub(r"\[[^\]]*\]", "", line)
    return len(re.findall(r"[A-Za-z’']+", rest)) <= 3


def _paragraphs(units: list[_Unit]) -> list[_Unit]:
    """Kept lines joined into paragraphs; removed lines stay as units of their own."""
    out: list[_Unit] = []
    wrapped = _wrapped_blocks(units)
    for unit in units:
        prev = out[-1] if out else None
        if (
            unit.reason is None
            and prev is not None
            and prev.reason is None
            and prev.block == unit.block
            and (unit.block in wrapped or _continues(prev.text, unit.text))
        ):
            prev.text = f"{prev.text} {unit.text}"
        else:
            out.append(_Unit(unit.text, unit.block, unit.reason))
    return out


def _continues(prev: str, line: str) -> bool:
    # A line break inside a sentence: the next line starts in lower case.
    return not ends_sentence(prev) and (line[0].islower() or prev.endswith((",", "-", "–")))


def _wrapped_blocks(units: list[_Unit]) -> set[int]:
    """Blocks that are hard-wrapped paragraphs: even-length lines that end mid-sentence."""
    by_block: dict[int, list[str]] = {}
    for unit in units:
        if unit.reason is None:
            by_block.setdefault(unit.block, []).append(unit.text)
    wrapped: set[int] = set()
    for block, lines in by_block.items():
        body = lines[:-1]
        if len(lines) < 3:
            continue
        longest = max(len(line) for line in body)
        open_ended = sum(not ends_sentence(line) for line in body)
        even = all(0.6 * longest <= len(line) for line in body)
        if longest <= 100 and even and open_ended * 2 >= len(body):
            wrapped.add(block)
    return wrapped


def _content_words(line: str) -> set[str]:
    words = {w.lower() for w in re.findall(r"[A-Za-z][\w’'-]*", line)}
    return words - _STOPWORDS


def _short_crosshead(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= MAX_SUBHEADING_WORDS
        and len(line) <= MAX_SUBHEADING_CHARS
        and (line[0].isupper() or line[0].isdigit())
        and re.search(r"[A-Za-z]{2}", line) is not None  # "1", "2": list numbers stay
        and not ends_sentence(line)
        and not line.endswith((",", "-", "–", "—"))
        and not any(q in line for q in _QUOTES)
        and ":" not in line
        and _VERB.search(line) is None
    )


def _remove_alt_text(paragraphs: list[_Unit]) -> None:
    # An image's alt text sits just before its caption: an unpunctuated line that
    # names what the caption names ("Prime Minister Sir Keir Starmer").
    for i, para in enumerate(paragraphs[:-1]):
        caption = paragraphs[i + 1]
        if para.reason is not None or caption.reason != CAPTION:
            continue
        line = para.text
        if (
            len(line.split()) > MAX_HEADLINE_WORDS
            or ends_sentence(line)
            or not line[0].isupper()
            or any(q in line for q in _QUOTES)
            or ":" in line
        ):
            continue
        shared = len(_content_words(line) & _content_words(caption.text))
        # "Defence spending" over a caption about a defence secretary is a crosshead:
        # alt text names what the caption names, or is more than a few words long.
        if shared >= 2 or len(line.split()) >= 4:
            para.reason = CAPTION


def _remove_subheadings(paragraphs: list[_Unit]) -> None:
    kept = [p for p in paragraphs if p.reason is None]
    for prev, para, nxt in zip(kept, kept[1:], kept[2:], strict=False):
        if (
            _short_crosshead(para.text)
            and ends_sentence(prev.text)
            and (nxt.text[0].isupper() or nxt.text[0] in _QUOTES or nxt.text[0].isdigit())
        ):
            para.reason = SUBHEADING
