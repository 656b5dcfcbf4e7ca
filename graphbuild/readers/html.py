"""HTML: council disclosure-log pages and WhatDoTheyKnow request pages.

Such pages wrap one letter in menus, cookie banners, sidebars and footers that
name organisations and figures having nothing to do with the response. The
reader keeps the main content only and lays it out as the letter's plain text:
headings and paragraphs apart, list items as bullets (ordered ones keep their
numbers, which are the question numbers), table rows tab-separated.

Some disclosure-log pages name their publisher only in the chrome dropped above
(the <title>, the site header). The page's <title> and declared site name are
therefore kept, as the last lines after the content, where the source
extractor looks for a publisher and where they cannot pass for the letter's
own heading.

A WhatDoTheyKnow request page holds the whole correspondence: the requester's
messages (marked "outgoing") and the authority's replies ("incoming"). Plain
text cannot carry that markup, so the reader writes each run of messages under
the heading a letter would use, "Request" or "Response": the request's figures
("they pay around £25 an hour") are then read as the question, never as facts,
and its closing "Yours faithfully" does not hide the reply that follows. The
page's <h1> (the request's title) heads the text, where a letter's title is.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from graphbuild.readers.compose import TextBuilder
from graphbuild.readers.document import Document
from graphbuild.readers.text import decode

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_DROP_TAGS = [
    "script", "style", "noscript", "template", "svg", "iframe", "nav", "header", "footer",
    "aside", "button", "select", "input", "textarea", "head", "object", "embed", "canvas", "map",
]  # fmt: skip
_FURNITURE = {"header", "footer"}  # page furniture outside an article, its title within one
_NOISE = re.compile(
    r"(?:^|[-_ ])(?:cookies?|consent|banner|breadcrumbs?|sidebar|side|skip|menu|nav|navbar|"
    r"navigation|masthead|footer|header|share|social|related|feedback|search|hidden|"
    r"visually-hidden|sr-only)(?:$|[-_ ])",
    re.IGNORECASE,
)
_BLOCKS = {
    "p", "div", "section", "article", "main", "blockquote", "address", "dd", "dt", "dl",
    "figure", "figcaption", "caption", "fieldset", "details", "summary", "center", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "body", "html", "li", "tr", "td", "th", "tbody",
    "thead", "tfoot", "table",
}  # fmt: skip
_KEEP = {"main", "article", "body", "html", "table", "tr", "td", "th", "tbody", "thead"}
_WHITESPACE = re.compile(r"[ \t\r\n\f\u00a0]+")


def declared_charset(raw: bytes) -> str | None:
    """The charset a <meta> tag declares in the head, if Python knows it."""
    match = _CHARSET.search(raw[:8192])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_html(raw: bytes, name: str) -> str:
    """Decode by BOM, then the declared charset, then as the text reader does."""
    if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(raw, name)
    charset = declared_charset(raw)
    if charset and not charset.startswith("utf-16"):
        try:
            return raw.decode(charset)
        except UnicodeDecodeError:
            pass
    return decode(raw, name)


def _noisy(tag: Tag) -> bool:
    if tag.name in _KEEP:
        return False
    if tag.get("hidden") is not None or tag.get("aria-hidden") == "true":
        return True
    if tag.get("role") in {"navigation", "banner", "contentinfo", "search", "complementary"}:
        return True
    names = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
    return bool(_NOISE.search(names))


def _holds_content(tag: Tag) -> bool:
    return bool(tag.find(["main", "article"]) or tag.find(class_=_correspondence_class))


def _in_content(tag: Tag) -> bool:
    return bool(
        tag.find_parent(["main", "article"]) or tag.find_parent(class_=_correspondence_class)
    )


def strip_noise(soup: BeautifulSoup) -> None:
    """Remove scripts, navigation, banners and other page furniture in place.

    Class names are only trusted outside the content: inside an article a
    "header" div holds the letter's title, not the site's menu.
    """
    for tag in soup.find_all(_DROP_TAGS):
        if tag.decomposed or _holds_content(tag):
            continue
        if tag.name not in _FURNITURE or not _in_content(tag):
            tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or not _noisy(tag) or _holds_content(tag) or _in_content(tag):
            continue
        tag.decompose()


def _correspondence_class(value: str | None) -> bool:
    return bool(value) and value.startswith("correspondence")


def main_content(soup: BeautifulSoup) -> list[Tag]:
    """The elements holding the letter: WhatDoTheyKnow messages, <main>, <article> or body."""
    texts = soup.find_all(class_="correspondence_text")
    if texts:
        return texts
    messages = soup.find_all(class_="correspondence")
    if messages:
        return messages
    for selector in ("main", "[role=main]", "#content", "#main-content", ".content"):
        found = soup.select_one(selector)
        if found and found.get_text(strip=True):
            return [found]
    articles = soup.find_all("article")
    if articles:
        return [max(articles, key=lambda a: len(a.get_text(" ", strip=True)))]
    return [soup.body or soup]


_KINDS = (("Request", "outgoing"), ("Response", "incoming"))


def message_kind(tag: Tag) -> str | None:
    """The heading for a message: "Request" if the requester sent it, else "Response".

    WhatDoTheyKnow marks each message, or the box around its text, with an
    "outgoing"/"incoming" class or an id such as "incoming-123".
    """
    for node in [tag, *tag.parents]:
        if not isinstance(node, Tag):
            continue
        classes = node.get("class") or []
        ident = str(node.get("id") or "").lower()
        for heading, word in _KINDS:
            if word in classes or ident.startswith(word):
                return heading
    return None


def request_title(soup: BeautifulSoup, messages: list[Tag]) -> Tag | None:
    """The page's <h1> outside the messages: the title the requester gave the request."""
    for heading in soup.find_all("h1"):
        inside = any(heading is m or m in heading.parents for m in messages)
        if not inside and heading.get_text(strip=True):
            return heading
    return None


class _Walker:
    """Walks the content tree in document order, writing blocks to a TextBuilder."""

    def __init__(self) -> None:
        self.out = TextBuilder()
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        if text.strip():
            self.out.paragraph("\n".join(part.strip() for part in text.split("\n")))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(_WHITESPACE.sub(" ", str(child)))
            elif isinstance(child, Tag):
                self.element(child)

    def element(self, tag: Tag) -> None:
        name = tag.name
        if name == "br":
            self.buffer.append("\n")
        elif name in {"ul", "ol"}:
            self.flush()
            self.listing(tag)
            self.out.blank()
        elif name == "table" and not _layout_table(tag):
            self.flush()
            self.out.table(_rows(tag))
        elif name == "pre":
            self.flush()
            self.out.paragraph(tag.get_text())
        elif name in _BLOCKS:
            self.flush()
            self.walk(tag)
            self.flush()
        else:
            self.walk(tag)

    def listing(self, tag: Tag) -> None:
        """List items as bullets or numbers; nested lists follow their parent item."""
        number = _int(tag.get("start"), 1)
        for item in tag.find_all("li", recursive=False):
            number = _int(item.get("value"), number)
            nested = item.find_all(["ul", "ol"], recursive=False)
            text = _inline_text(item)
            self.out.bullet(text, f"{number}." if tag.name == "ol" else None)
            for sub in nested:
                self.listing(sub)
            number += 1


def _layout_table(table: Tag) -> bool:
    """A table used to position the page (old CMS pages put the whole letter in one),
    recognised by nested tables, lists or headings in cells, or a single column."""
    if table.find(["table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"]):
        return True
    rows = [r for r in table.find_all("tr") if r.find_parent("table") is table]
    return max((len(r.find_all(["td", "th"], recursive=False)) for r in rows), default=0) <= 1


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def _inline_text(tag: Tag) -> str:
    """An element's text without nested lists, <br> and block children as line breaks."""
    parts: list[str] = []
    for child in tag.children:
        if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            parts.append(_WHITESPACE.sub(" ", str(child)))
        elif isinstance(child, Tag) and child.name not in {"ul", "ol"}:
            if child.name == "br":
                parts.append("\n")
            elif child.name in _BLOCKS:
                parts.append("\n" + _inline_text(child) + "\n")
            else:
                parts.append(_inline_text(child))
    return "\n".join(p.strip() for p in "".join(parts).split("\n") if p.strip())


def _rows(table: Tag) -> list[list[str]]:
    """Cell texts of this table's own rows; a colspan leaves empty cells to keep columns."""
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        row: list[str] = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            row.append(cell.get_text(" ", strip=True))
            row += [""] * (_int(cell.get("colspan"), 1) - 1)
        rows.append(row)
    return rows


def page_names(soup: BeautifulSoup) -> list[str]:
    """The page's <title> and og:site_name: what a browser tab or a share card calls it."""
    names = []
    if soup.title and soup.title.string:
        names.append(_WHITESPACE.sub(" ", soup.title.string).strip())
    site = soup.find("meta", attrs={"property": "og:site_name"})
    if isinstance(site, Tag) and isinstance(site.get("content"), str):
        names.append(_WHITESPACE.sub(" ", site["content"]).strip())
    kept: list[str] = []
    for text in names:
        if 0 < len(text) <= 200 and not any(text in other for other in kept):
            kept.append(text)
    return kept


def read_html_bytes(raw: bytes, name: str) -> Document:
    """Parse a page and lay out its main content; used for .html and .htm files."""
    soup = BeautifulSoup(decode_html(raw, name), "lxml")
    names = page_names(soup)
    strip_noise(soup)
    walker = _Walker()
    elements = main_content(soup)
    kinds = [message_kind(element) for element in elements]
    if any(kinds):
        title = request_title(soup, elements)
        if title is not None:
            elements, kinds = [title, *elements], [None, *kinds]
    previous = None
    for element, kind in zip(elements, kinds, strict=True):
        walker.flush()
        walker.out.blank()
        if kind and kind != previous:
            walker.out.paragraph(kind)
        previous = kind or previous
        walker.walk(element) if element.name == "[document]" else walker.element(element)
        walker.flush()
    shown = {_WHITESPACE.sub(" ", text).strip() for el in elements for text in el.stripped_strings}
    names = [text for text in names if text not in shown]
    if names and shown:
        walker.out.paragraph("\n".join(names))
    return walker.out.document(name, "text/html")


def read_html(path: Path) -> Document:
    """Read an .html/.htm file (size is checked by read_document)."""
    return read_html_bytes(path.read_bytes(), path.name)
