"""Parse stage of HTML mode: decode page bytes, refuse what is not a page, parse with lxml.

Kept apart from the rest so that changes to decoding (charsets, binary
input, nesting limits) touch one small module.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, document_fromstring

from declutter.errors import InputError

#: ``huge_tree`` lifts libxml2's nesting limit from 256 to 2,048 elements: below
#: it the parser stops and drops the rest of the page silently (an article
#: nested 254 deep came back as ""). Deeper pages are flattened first, see
#: :func:`flatten_nesting`.
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                     remove_pis=True, huge_tree=True)
#: Every element an ``HtmlElement``, chosen in C. lxml.html's own lookup is a Python call for each element
#: object made (it gives ``form``, ``input``, ``select``, ``textarea`` and ``label`` subclasses that nothing
#: here uses); HTML mode and trafilatura make hundreds of thousands of them on a corpus, 8% of clean_html.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """Decode page bytes, trying in order: a BOM; UTF-8, if the bytes are valid
    UTF-8; the declared charset, if the bytes are valid in it; cp1252, with
    its five unassigned bytes replaced by U+FFFD.

    Strict UTF-8 goes before the declared charset because pages that declare
    latin-1 and are UTF-8 are common, while non-UTF-8 text that happens to be
    valid UTF-8 is rare. A declared charset the bytes are not valid in (a
    latin-1 page that says ``utf-8``) is a wrong declaration: cp1252, a
    superset of latin-1's printable characters, reads such pages.

    >>> decode_html('<p>caf\\u00e9</p>'.encode('utf-8'))
    '<p>café</p>'
    >>> decode_html(b'<meta charset="iso-8859-1"><p>caf\\xe9</p>')
    '<meta charset="iso-8859-1"><p>café</p>'
    >>> decode_html(b"<meta charset='utf-8'><p>Caf\\xe9 au lait.</p>")
    "<meta charset='utf-8'><p>Café au lait.</p>"
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("cp1252", errors="replace")


#: Share of control characters (C0 controls other than tab, line breaks and
#: form feed, and DEL) in the first :data:`BINARY_SAMPLE` characters above
#: which the input is binary data, not HTML. Text, even broken text, has
#: almost none; compressed or random bytes have about one in nine.
BINARY_SHARE = 0.05
BINARY_SAMPLE = 65_536
#: The control characters counted (all ASCII: one byte each in UTF-8, and no byte of another character's).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def looks_binary(html: str) -> bool:
    """More than :data:`BINARY_SHARE` of the page's first characters are control characters.

    >>> looks_binary(bytes(range(256)).decode("cp1252", errors="replace")), looks_binary("<p>a\\x00b</p>" * 3)
    (True, True)
    >>> looks_binary("<p>One stray \\x00 in a page of text.</p>" + "<p>More text.</p>" * 10)
    False
    """
    sample = html[:BINARY_SAMPLE]
    data = sample.encode("utf-8", "surrogatepass")  # counted in C: deleting them is twice as fast as a regex
    return len(data) - len(data.translate(None, _CONTROL_BYTES)) > BINARY_SHARE * len(sample)


#: Larger pages are refused with an InputError: trafilatura's extraction time
#: grows faster than linearly (1 MB 0.6 s, 4 MB 4 s, 30 MB about 10 minutes), and
#: real article pages are far smaller.
MAX_HTML_BYTES = 8_000_000


def parse_html(html: str | bytes) -> HtmlElement | None:
    """Parse a page into an lxml tree; None when it holds nothing but whitespace.

    Raises :class:`InputError` for input of the wrong type, binary data (see
    :func:`looks_binary`), a page over :data:`MAX_HTML_BYTES`, and input lxml
    cannot turn into a document. A page holding only comments is empty.
    """
    if isinstance(html, str | bytes | bytearray) and len(html) > MAX_HTML_BYTES:
        raise InputError(f"page of {len(html) / 1e6:.1f} MB is over the HTML mode limit of "
                         f"{MAX_HTML_BYTES / 1e6:.0f} MB (trafilatura's extraction grows faster than the page); "
                         f"extract its text another way and clean that with declutter.clean")
    if isinstance(html, bytes | bytearray):
        html = decode_html(bytes(html))
    if not isinstance(html, str):
        raise InputError(f"clean_html() takes HTML as str or bytes, got {type(html).__name__}")
    if not html.strip():
        return None
    if looks_binary(html):
        raise InputError(f"input looks like binary data (over {BINARY_SHARE:.0%} control characters such as NUL "
                         f"in its first {BINARY_SAMPLE // 1024} KB), not HTML")
    data = html.encode("utf-8", "surrogatepass")
    tree = _parse(data)
    if _PARSER.error_log.filter_types(etree.ErrorTypes.ERR_RESOURCE_LIMIT):
        tree = _parse(flatten_nesting(data))  # nested deeper than even huge_tree allows
    return tree if isinstance(tree, HtmlElement) else None


def _parse(data: bytes) -> HtmlElement | None:
    try:
        tree = document_fromstring(data, parser=_PARSER)
    except etree.ParserError as exc:
        if str(exc) == "Document is empty":  # nothing but comments, a doctype or processing instructions
            return None
        raise InputError(f"cannot parse the input as HTML: {exc}") from None
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"cannot parse the input as HTML: {exc}") from None
    return tree if isinstance(tree, HtmlElement) else None


#: Elements nested deeper than this are unwrapped by :func:`flatten_nesting`.
MAX_NESTING = 256
_TAG = re.compile(rb"<(/?)([a-zA-Z][\w:.-]{0,40})\b[^<>]*?(/?)>|<!--.*?-->", re.S)
_VOID = frozenset({b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
                   b"source", b"track", b"wbr"})


def flatten_nesting(data: bytes) -> bytes:
    """Drop the tags of elements nested deeper than :data:`MAX_NESTING`, keeping their text.

    libxml2 gives up on a page nested deeper than 2,048 elements even with
    ``huge_tree`` and loses everything after that point; no real page nests so
    deep, so the extra wrappers carry nothing but their text, which joins the
    element at the limit.

    >>> flatten_nesting(b"<div>" * 300 + b"text" + b"</div>" * 300).count(b"<div>")
    256
    """
    out: list[bytes] = []
    kept: list[bool] = []
    depth = last = 0
    for match in _TAG.finditer(data):
        closing, name, selfclosing = match.group(1), (match.group(2) or b"").lower(), match.group(3)
        if not name or name in _VOID or selfclosing:
            continue
        if closing:
            if depth:
                depth -= 1
                if not kept.pop():
                    out.append(data[last:match.start()])
                    last = match.end()
            continue
        depth += 1
        kept.append(depth <= MAX_NESTING)
        if depth > MAX_NESTING:
            out.append(data[last:match.start()])
            last = match.end()
    out.append(data[last:])
    return b"".join(out)
