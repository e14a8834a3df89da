"""Same HTML-mode output? Digests of ``clean_html_and_explain`` over corpus/aeb and the WCXB dev split.

A speed change to HTML mode must not change what it outputs, what it removes or the notes it gives: run
this on the tree before and after (each with its own package first on ``sys.path``) and compare the
digests. No cache is read: every page goes through the API afresh::

    PYTHONPATH=/path/to/old python /path/to/new/bench/html_same.py --pages /tmp/old.txt
    PYTHONPATH=$PWD python bench/html_same.py --pages /tmp/new.txt   # then: diff /tmp/old.txt /tmp/new.txt

Each page's digest covers the output text, the ``repr`` of every removal (filter, reason, index, text,
line, detail) and of every note. Text output for every page of both sets; ``output_format="markdown"``
for every aeb page and every ``--markdown-every``-th WCXB page (default 5). A page the API refuses
(``DeclutterError``) is digested by its error message.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import declutter

REPO = Path(__file__).resolve().parent.parent


def aeb_pages(corpus: Path) -> Iterator[tuple[str, str, str | None]]:
    """``(id, html, url)`` of every corpus/aeb page, decoded as the benches do."""
    for path in sorted((corpus / "html").glob("*.html.gz")):
        yield path.name.removesuffix(".html.gz"), gzip.decompress(path.read_bytes()).decode("utf-8", "replace"), None


def wcxb_pages(folder: Path) -> Iterator[tuple[str, str, str | None]]:
    """``(id, html, url)`` of every WCXB page, with the URL its ground truth gives (as ``bench/wcxb.py``)."""
    for path in sorted((folder / "ground-truth").glob("*.json")):
        url = json.loads(path.read_text(encoding="utf-8")).get("url") or None
        html = gzip.decompress((folder / "html" / f"{path.stem}.html.gz").read_bytes()).decode("utf-8", "replace")
        yield path.stem, html, url


def page_digest(html: str, url: str | None, output_format: str) -> str:
    """The first 16 hex digits of the sha256 of the text, the removals' and the notes' ``repr``."""
    try:
        result = declutter.clean_html_and_explain(html, url, output_format=output_format)
    except declutter.DeclutterError as exc:
        return hashlib.sha256(f"error: {exc}".encode()).hexdigest()[:16]
    digest = hashlib.sha256(result.text.encode("utf-8", "surrogatepass"))
    digest.update(repr(result.removals).encode("utf-8", "surrogatepass"))
    digest.update(repr(result.notes).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus" / "aeb")
    wcxb = os.environ.get("DECLUTTER_WCXB")
    default = Path(wcxb) if wcxb else REPO.parent / "shared" / "data" / "wcxb-dev"
    parser.add_argument("--wcxb", type=Path, default=default,
                        help="the WCXB dev split (default $DECLUTTER_WCXB, else ../shared/data/wcxb-dev)")
    parser.add_argument("--markdown-every", type=int, default=5, help="Markdown on every N-th WCXB page (0: none)")
    parser.add_argument("--pages", type=Path, help="also write one line per page and format: set/id/format digest")
    args = parser.parse_args(argv)
    lines: list[str] = []
    sets = {"aeb": list(aeb_pages(args.corpus))}
    if (args.wcxb / "ground-truth").is_dir():
        sets["wcxb"] = list(wcxb_pages(args.wcxb))
    print(f"declutter from {declutter.__file__}")
    for name, pages in sets.items():
        total = hashlib.sha256()
        for position, (page_id, html, url) in enumerate(pages):
            formats = ["text"]
            every = 1 if name == "aeb" else args.markdown_every
            if every and position % every == 0:
                formats.append("markdown")
            for output_format in formats:
                line = f"{name}/{page_id}/{output_format} {page_digest(html, url, output_format)}"
                lines.append(line)
                total.update(line.encode() + b"\n")
        print(f"  {name}: {len(pages)} pages, digest {total.hexdigest()[:16]}", flush=True)
    if args.pages:
        args.pages.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
