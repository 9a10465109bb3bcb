"""HTML pages: main text and metadata with trafilatura, plain lxml text when trafilatura finds none."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import lxml.html
import trafilatura

from warlog.ingest.clean import tidy
from warlog.ingest.decode import Rejected

log = logging.getLogger(__name__)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# <meta> names/properties that hold a publication date, most specific first.
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "article.published",
    "og:published_time",
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "byl")
_SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
_URL_META = ("og:url",)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')
_JSONLD_AUTHOR = re.compile(r'"author"\s*:\s*(?:\[\s*)?(?:\{[^{}]*?"name"\s*:\s*)?"([^"]{2,80})"')
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select")
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "article",
        "section",
        "main",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "dd",
        "dt",
        "figcaption",
    ]
)
_SPACES = re.compile(r"[ \t\u00a0]+")
_TAG = re.compile(
    r"</?(?:p|br|div|span|a|b|i|strong|em|h[1-6]|li|ul|ol|table|tr|td|blockquote|figure|img)\b[^>]*>", re.I
)


@dataclass
class Page:
    text: str
    title: str | None = None
    author: str | None = None
    published_raw: str | None = None
    sitename: str | None = None
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _meta_tags(root) -> dict[str, str]:
    """<meta> name/property/itemprop (lower-cased) -> content, first occurrence wins."""
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = (el.get("content") or "").strip()
        if key and content:
            out.setdefault(key.strip().lower(), content)
    return out


def _first(tags: dict[str, str], keys) -> str | None:
    for k in keys:
        if tags.get(k):
            return tags[k]
    return None


def _raw_date(root, tags: dict[str, str], html: str) -> str | None:
    """The publication date exactly as the page writes it (meta tag, <time>, JSON-LD)."""
    d = _first(tags, _DATE_META)
    if d:
        return d
    for el in root.iter("time"):
        if el.get("itemprop", "").lower() == "datepublished" or el.get("pubdate") is not None:
            return (el.get("datetime") or el.text_content() or "").strip() or None
    m = _JSONLD_DATE.search(html)
    return m.group(1) if m else None


def _strip_site(title: str | None, sitename: str | None) -> str | None:
    """ "Clashes near Arsal | Cedar Dispatch" -> "Clashes near Arsal" when the site is named so."""
    if not title or not sitename:
        return title
    for sep in (" | ", " - ", " – ", " — ", " :: ", " « ", " » "):
        if title.endswith(sep + sitename) and len(title) > len(sep + sitename):
            return title[: -len(sep + sitename)].strip()
    return title


def _jsonld_author(html: str) -> str | None:
    m = _JSONLD_AUTHOR.search(html)
    return m.group(1).strip() if m else None


def _plain_text(root) -> str:
    """Visible text of the page body, one block element per paragraph."""
    for tag in _DROP:
        for el in list(root.iter(tag)):
            parent = el.getparent()
            if parent is not None:
                el.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
    body = root.find(".//body")
    raw = (body if body is not None else root).text_content()
    return tidy("\n".join(_SPACES.sub(" ", line).strip() for line in raw.split("\n")))


# huge_tree: libxml2 otherwise stops at 256 nested elements and the text below is lost (input size is
# bounded by the loader, so the limit it lifts is not needed as a protection)
_PARSER = lxml.html.HTMLParser(huge_tree=True)


def parse(html: str) -> Page:
    """Main text and metadata of an HTML page (already decoded). Raises Rejected when no text."""
    html = _XML_DECL.sub("", html, count=1)
    try:
        root = lxml.html.document_fromstring(html, parser=_PARSER)
    except (ValueError, lxml.etree.ParserError) as e:
        raise Rejected(f"no article text found in HTML ({e})") from e
    tags = _meta_tags(root)
    title_el = root.find(".//title")
    page_title = title_el.text_content().strip() if title_el is not None and title_el.text_content() else None
    published_raw = _raw_date(root, tags, html)
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, include_images=False
        )
    except Exception as e:  # trafilatura fails on odd markup now and then; lxml still reads it
        log.debug("trafilatura failed: %s", e)
    text = ""
    if doc is not None and getattr(doc, "text", None):
        # trafilatura puts one block per line; blank lines make them paragraphs for the sentence splitter
        text = tidy("\n\n".join(line.strip() for line in doc.text.split("\n") if line.strip()))
    if not text.strip():
        text = _plain_text(root)
    if not text.strip():
        raise Rejected("no article text found in HTML")
    sitename = (getattr(doc, "sitename", None) if doc is not None else None) or _first(tags, _SITE_META)
    return Page(
        text=text,
        title=_strip_site(
            (getattr(doc, "title", None) if doc is not None else None) or _first(tags, ("og:title",)) or page_title,
            sitename,
        ),
        author=(getattr(doc, "author", None) if doc is not None else None)
        or _first(tags, _AUTHOR_META)
        or _jsonld_author(html),
        # only the page's own date metadata: trafilatura's date may be guessed from the body text
        # ("since 2013"), which would move every relative date of the article
        published_raw=published_raw,
        sitename=sitename,
        url=(getattr(doc, "url", None) if doc is not None else None) or _first(tags, _URL_META),
        meta={k: v for k, v in tags.items() if k in ("description", "keywords", "og:description")},
    )


def looks_like_html(text: str) -> bool:
    """Text with markup in it (a table's text column holding scraped HTML): two tags or more."""
    return len(_TAG.findall(text, 0, 20000)) >= 2


def fragment_text(fragment: str) -> str:
    """The visible text of an HTML fragment, one block element per paragraph."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div", parser=_PARSER)
    except (ValueError, lxml.etree.ParserError):
        return fragment
    return _plain_text(root)
