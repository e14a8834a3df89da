"""Markdown in, Markdown out: declutter on whole-page and main-content Markdown (issue 12).

Converts every third page of the WCXB development split to Markdown three ways, as a new user
would (html2text on the whole page with ``body_width=0``, markdownify on the whole page,
``trafilatura.extract(html, output_format="markdown", include_links=True, include_images=True)``),
and scores each as converted, after ``declutter.clean`` (text mode, what a user has today) and
after ``declutter.clean_markdown``; then ``declutter.clean_html(html, url=url,
output_format="markdown")`` beside its plain-text twin ``clean_html(html, url=url)``::

    python bench/markdown.py                  # the table, integrity checks and speed (about 10 minutes)
    python bench/markdown.py --every 15       # a quicker look
    python bench/markdown.py --worst 10       # also list the pages clean_markdown changed most
    python bench/markdown.py --converters trafilatura --no-html --reasons trafilatura
                                              # what each reason code's removals are worth there

Scoring: the Markdown is rendered to words (images out, links to their text, bare URLs out, the
Markdown syntax out: the same parser declutter uses reads it), then the benchmark's own metric:
lower-cased ``\\w+`` tokens as a multiset, per-page precision, recall and F1, means over pages.

The data are read from ``--data``, else ``$DECLUTTER_WCXB``, else ``../shared/data/wcxb-dev``
beside the repository (else ``/work/shared/data/wcxb-dev``). Conversions are cached under
``$DECLUTTER_BENCH_CACHE`` (default ``bench/.cache``) in ``markdown/<converter>-<version>/``, so a
new converter version converts afresh. The converters are the ``bench`` extra.

Also printed, over every page of the run: idempotence of ``clean_markdown``, that every fenced or
indented code block and every table of the input is in the output unchanged or (tables only)
removed whole, and the MB/s of ``clean_markdown`` against ``clean`` on the same Markdown.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import declutter  # noqa: E402

wcxb = importlib.import_module("bench.wcxb")

_WORD = re.compile(r"\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


#: The split's pages, folder and loader are bench/wcxb.py's (the same pages, the same ``$DECLUTTER_WCXB``).
Page = wcxb.Page
data_dir = wcxb.data_dir
load_pages = wcxb.load_pages


# ---------------------------------------------------------------- converters


def _html2text(html: str) -> str:
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 0
    return str(converter.handle(html))


def _markdownify(html: str) -> str:
    import markdownify

    return str(markdownify.markdownify(html))


def _trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, output_format="markdown", include_links=True, include_images=True) or ""


#: name -> (distribution whose version keys the cache, converter)
CONVERTERS: dict[str, tuple[str, Callable[[str], str]]] = {
    "html2text": ("html2text", _html2text),
    "markdownify": ("markdownify", _markdownify),
    "trafilatura": ("trafilatura", _trafilatura),
}
LABELS = {
    "html2text": "whole page through html2text (`body_width=0`)",
    "markdownify": "whole page through markdownify",
    "trafilatura": "trafilatura Markdown (`include_links`, `include_images`)",
}


def cache_root() -> Path:
    root = os.environ.get("DECLUTTER_BENCH_CACHE")
    return (Path(root) if root else REPO / "bench" / ".cache") / "markdown"


def converted(name: str, pages: Sequence[Page]) -> dict[str, str] | None:
    """Each page's Markdown from converter ``name`` (cached by converter version); None when not installed."""
    dist, convert = CONVERTERS[name]
    try:
        version = metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None
    folder = cache_root() / f"{name}-{version}"
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for page in pages:
        path = folder / f"{page.id}.md"
        if not path.exists():
            try:
                text = convert(page.html())
            except Exception as exc:  # a converter crash is that converter's empty output
                print(f"  {name} failed on {page.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
                text = ""
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8", errors="surrogatepass")
            tmp.replace(path)
        out[page.id] = path.read_text(encoding="utf-8", errors="surrogatepass")
    return out


# ------------------------------------------------------------------ scoring


def render_words(md: str) -> str:
    """The Markdown as a reader's words: images out, links to their text, bare URLs out, syntax out.

    >>> render_words("# Hi\\n\\nSee [the **report**](http://x.org) ![chart](c.png) at https://x.org/r.\\n")
    'Hi\\nSee the report  at \\n'
    """
    out: list[str] = []
    for token in _full_parser().parse(md):
        if token.type == "inline":
            out.append("".join(_inline_words(child) for child in token.children or ()) + "\n")
        elif token.type in ("fence", "code_block"):
            out.append(token.content)
        elif token.type == "html_block":
            out.append(re.sub(r"<[^>]*>", " ", token.content))
    return _URL.sub("", "".join(out))


def _inline_words(child: Any) -> str:
    """What a reader sees of one inline token: text and code as written, a line break or tag as a space.

    >>> render_words("Skip to content\\nArizona<br>Atlanta\\n")
    'Skip to content Arizona Atlanta\\n'
    """
    if child.type in ("text", "code_inline"):
        return str(child.content)
    return " " if child.type in ("softbreak", "hardbreak", "html_inline") else ""


_PARSER: list[object] = []


def _full_parser() -> Any:
    """markdown-it with its inline parser (declutter's own parser reads block tokens only)."""
    if not _PARSER:
        from markdown_it import MarkdownIt

        _PARSER.append(MarkdownIt("commonmark").enable(["table", "strikethrough"]))
    return _PARSER[0]


def _bag(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def page_scores(truth: str, predicted: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of one page (the benchmark's bag-of-words metric).

    >>> page_scores("The cat sat", "the cat")
    (1.0, 0.6666666666666666, 0.8)
    """
    true_bag, pred_bag = _bag(truth), _bag(predicted)
    true_n, pred_n = sum(true_bag.values()), sum(pred_bag.values())
    if not true_n and not pred_n:
        return 1.0, 1.0, 1.0
    if not true_n or not pred_n:
        return 0.0, 0.0, 0.0
    overlap = sum((true_bag & pred_bag).values())
    precision, recall = overlap / pred_n, overlap / true_n
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


def mean_scores(truths: Sequence[str], outputs: Sequence[str]) -> tuple[float, float, float]:
    """Mean per-page precision, recall and F1."""
    scores = [page_scores(t, o) for t, o in zip(truths, outputs, strict=True)]
    return tuple(statistics.fmean(s[i] for s in scores) for i in range(3))  # type: ignore[return-value]


# ------------------------------------------------------------------- checks


@dataclass
class Integrity:
    """Pages whose clean_markdown output broke a promise, by promise."""

    pages: int = 0
    not_idempotent: list[str] = field(default_factory=list)
    blocks_changed: list[str] = field(default_factory=list)
    code_removed: list[str] = field(default_factory=list)
    tables: int = 0
    code_blocks: int = 0

    def check(self, page_id: str, md: str, result: declutter.Result) -> None:
        """Idempotence; the output parses into exactly the kept blocks (tables whole); no code block removed."""
        from declutter.markdown.parse import parse_markdown

        self.pages += 1
        doc = parse_markdown(md)
        gone = {r.index for r in result.removals}
        kept = [doc.sources[i] for i in range(len(doc.blocks)) if i not in gone]
        if list(parse_markdown(result.text).sources) != kept:
            self.blocks_changed.append(page_id)
        if declutter.clean_markdown(result.text) != result.text:
            self.not_idempotent.append(page_id)
        code = [i for i, f in enumerate(doc.features) if f.code]
        self.code_blocks += len(code)
        self.tables += sum(f.kind == "table" for f in doc.features)
        if gone.intersection(code):
            self.code_removed.append(page_id)

    def lines(self, name: str) -> list[str]:
        def state(bad: list[str]) -> str:
            return "all pages" if not bad else f"FAILS on {len(bad)}: {', '.join(bad[:8])}"

        return [f"{name}: {self.pages} pages, {self.code_blocks} code blocks, {self.tables} tables",
                f"  idempotent: {state(self.not_idempotent)}",
                f"  output = the kept blocks byte for byte (tables whole): {state(self.blocks_changed)}",
                f"  code blocks kept: {state(self.code_removed)}"]


# --------------------------------------------------------------------- rows


@dataclass
class Row:
    label: str
    before: tuple[float, float, float]
    text: tuple[float, float, float] | None = None
    markdown: tuple[float, float, float] | None = None


#: Pages of each converter cleaned by ``clean_markdown`` before it is timed (``clean`` warms on all of them, which
#: builds every language set's database: otherwise the first timed mode pays those builds).
WARM_PAGES = 30


def converter_row(name: str, pages: Sequence[Page], timing: dict[str, float],
                  worst: list[tuple[float, str, str]]) -> tuple[Row, Integrity] | None:
    """Scores of one converter's Markdown as converted, after clean and after clean_markdown."""
    markdown = converted(name, pages)
    if markdown is None:
        print(f"  ({name} is not installed: pip install -e '.[bench]')", file=sys.stderr)
        return None
    truths = [p.truth for p in pages]
    inputs = [markdown[p.id] for p in pages]
    for md in inputs:  # warm: each language set's first-pass database and patterns are built before timing
        declutter.clean(md)
    for md in inputs[:WARM_PAGES]:
        declutter.clean_markdown(md)
    start = time.process_time()
    text_out = [declutter.clean(md) for md in inputs]
    timing["clean"] += time.process_time() - start
    start = time.process_time()
    results = [declutter.clean_markdown_and_explain(md) for md in inputs]
    timing["clean_markdown"] += time.process_time() - start
    timing["bytes"] += sum(len(md.encode("utf-8", "surrogatepass")) for md in inputs)
    integrity = Integrity()
    for page, md, result in zip(pages, inputs, results, strict=True):
        integrity.check(page.id, md, result)
    before_words = [render_words(md) for md in inputs]
    after_words = [render_words(r.text) for r in results]
    for page, b, a in zip(pages, before_words, after_words, strict=True):
        delta = page_scores(page.truth, a)[2] - page_scores(page.truth, b)[2]
        worst.append((delta, name, page.id))
    row = Row(LABELS[name], mean_scores(truths, before_words),
              mean_scores(truths, [render_words(t) for t in text_out]), mean_scores(truths, after_words))
    return row, integrity


def reason_worth(name: str, pages: Sequence[Page]) -> list[tuple[str, int, int, float]]:
    """Per reason code of ``clean_markdown`` on converter ``name``'s Markdown: how many removals, how
    many of them cost F1, and the F1 (mean over pages) they add, each removal weighed alone: the
    output's F1 minus the F1 of the output with that one block put back. Sorted, the costliest first."""
    from declutter.markdown.parse import parse_markdown

    markdown = converted(name, pages) or {}
    count: Counter[str] = Counter()
    hurt: Counter[str] = Counter()
    worth: Counter[str] = Counter()
    for page in pages:
        md = markdown.get(page.id, "")
        result = declutter.clean_markdown_and_explain(md)
        doc = parse_markdown(md)
        gone = {r.index for r in result.removals}
        kept = [i for i in range(len(doc.blocks)) if i not in gone]
        f1 = page_scores(page.truth, render_words(result.text))[2]
        for removal in result.removals:
            back = page_scores(page.truth, render_words(doc.render([*kept, removal.index])))[2]
            count[removal.reason] += 1
            hurt[removal.reason] += back > f1
            worth[removal.reason] += f1 - back
    rows = [(reason, count[reason], hurt[reason], worth[reason] / max(1, len(pages))) for reason in count]
    return sorted(rows, key=lambda row: row[3])


def print_reasons(name: str, rows: Sequence[tuple[str, int, int, float]]) -> None:
    print(f"\nWhat clean_markdown's removals are worth on {name}'s Markdown, by reason (each removal alone):")
    print("| reason | removals | of them cost F1 | F1 they add |")
    print("|---|---|---|---|")
    for reason, count, hurt, worth in rows:
        print(f"| `{reason}` | {count} | {hurt} | {worth:+.4f} |")


def html_rows(pages: Sequence[Page]) -> tuple[Row, Row]:
    """``clean_html`` as Markdown (scored through the same rendering) and as plain text."""
    truths = [p.truth for p in pages]
    md_out, text_out = [], []
    for page in pages:
        html = page.html()
        md_out.append(render_words(declutter.clean_html(html, url=page.url or None, output_format="markdown")))
        text_out.append(declutter.clean_html(html, url=page.url or None))
    return (Row('`clean_html(html, url=url, output_format="markdown")`', mean_scores(truths, md_out)),
            Row("`clean_html(html, url=url)` (plain text)", mean_scores(truths, text_out)))


def _f(scores: tuple[float, float, float] | None) -> str:
    return "—" if scores is None else f"{scores[2]:.3f}"


def print_table(rows: Sequence[Row], html: tuple[Row, Row] | None) -> None:
    print("| input | as converted | after `clean` (text mode) | after `clean_markdown` | lift |")
    print("|---|---|---|---|---|")
    for row in rows:
        lift = "" if row.markdown is None else f"{row.markdown[2] - row.before[2]:+.3f}"
        print(f"| {row.label} | {_f(row.before)} | {_f(row.text)} | {_f(row.markdown)} | {lift} |")
    if html is not None:
        md_row, text_row = html
        print()
        print("| HTML mode | P | R | F1 |")
        print("|---|---|---|---|")
        for row in (md_row, text_row):
            print(f"| {row.label} | {row.before[0]:.3f} | {row.before[1]:.3f} | {row.before[2]:.3f} |")
        print(f"\nMarkdown F1 - plain-text F1: {md_row.before[2] - text_row.before[2]:+.4f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="the WCXB split's folder (default: $DECLUTTER_WCXB, ...)")
    parser.add_argument("--every", type=int, default=3, help="score every N-th page (default 3)")
    parser.add_argument("--converters", default=",".join(CONVERTERS), help="which converters (comma-separated)")
    parser.add_argument("--no-html", action="store_true", help="leave out the clean_html rows")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list the N pages clean_markdown hurt most")
    parser.add_argument("--reasons", default="", metavar="CONVERTER",
                        help="also weigh each reason code's removals on this converter's Markdown "
                             "(slow on whole pages)")
    args = parser.parse_args(argv)
    pages = load_pages(data_dir(args.data), args.every)
    print(f"WCXB dev, every {args.every} page(s): {len(pages)} pages; declutter {declutter.__version__}\n")
    timing = {"clean": 0.0, "clean_markdown": 0.0, "bytes": 0.0}
    rows, checks, worst = [], [], []
    for name in args.converters.split(","):
        found = converter_row(name.strip(), pages, timing, worst)
        if found is not None:
            rows.append(found[0])
            checks.append((name, found[1]))
    html = None if args.no_html else html_rows(pages)
    print_table(rows, html)
    print("\nIntegrity of clean_markdown, every page:")
    for name, integrity in checks:
        print("\n".join(integrity.lines(name)))
    mb = timing["bytes"] / 1e6
    if timing["clean"] and timing["clean_markdown"]:
        text_speed, md_speed = mb / timing["clean"], mb / timing["clean_markdown"]
        print(f"\nSpeed on the same {mb:.1f} MB of Markdown (CPU time): clean {text_speed:.2f} MB/s, "
              f"clean_markdown {md_speed:.2f} MB/s = {md_speed / text_speed:.2f}x the text mode")
    if args.reasons:
        print_reasons(args.reasons, reason_worth(args.reasons, pages))
    if args.worst:
        print(f"\nPages clean_markdown changed most (F1 after - before), worst {args.worst}:")
        for delta, name, page_id in sorted(worst)[:args.worst]:
            print(f"  {delta:+.3f} {name} {page_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
