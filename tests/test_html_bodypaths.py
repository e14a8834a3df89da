"""trafilatura's body XPaths read as Python tests (declutter/html/bodypaths.py) find the node lxml finds.

The extraction guard takes the first node of each expression; the Python
tests must give that very node, on real pages and on made-up ones that
exercise each kind of term (a missing attribute, ``translate``, a case-blind
pattern, a union, ``[1]``). Expressions written another way are left to lxml.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from lxml import etree

from declutter.html.bodypaths import PathTest, compile_path, compile_paths, first_match
from declutter.html.extract import text_chars
from declutter.html.guards import TextIndex
from declutter.html.parse import parse_html
from declutter.html.tree import drop_scripts, merge_split_body

HERE = Path(__file__).resolve().parent
REGEXP_NS = {"re": "http://exslt.org/regular-expressions"}
PAGES = sorted((HERE.parent / "corpus" / "aeb" / "html").glob("*.html.gz"))
WCXB_PAGES = sorted((HERE / "data" / "wcxb" / "html").glob("*.html.gz"))


def _trees() -> list[etree._Element]:
    trees = []
    for path in [*PAGES, *WCXB_PAGES]:
        tree = parse_html(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        if tree is not None:
            drop_scripts(tree)
            merge_split_body(tree)
            trees.append(tree)
    return trees


@pytest.fixture(scope="module")
def trees() -> list[etree._Element]:
    return _trees()


def _lxml_first(path: str, tree: etree._Element) -> etree._Element | None:
    return next((n for n in etree.XPath(path, namespaces=REGEXP_NS)(tree) if n is not None), None)


def test_trafilatura_body_paths_are_all_read() -> None:
    xpaths = pytest.importorskip("trafilatura.xpaths")
    read = compile_paths(xpaths.BODY_XPATH)
    assert all(isinstance(test, PathTest) for test in read), [x.path for x in read if not isinstance(x, PathTest)]


def test_same_node_as_lxml_on_corpus_pages(trees: list[etree._Element]) -> None:
    xpaths = pytest.importorskip("trafilatura.xpaths")
    assert len(trees) > 150
    differ = []
    for number, tree in enumerate(trees):
        for expr in xpaths.BODY_XPATH:
            test = compile_path(expr.path)
            assert test is not None
            expected = next((n for n in expr(tree) if n is not None), None)
            if first_match(tree, test) is not expected:
                differ.append((number, expr.path[:60]))
    assert not differ


MADE_UP = """<html><head><title>t</title></head><body>
<div id="nav" class="Menu"><span class="post-body">inline, not a box</span></div>
<section role="main-ish" class="x"><p>a</p></section>
<div class="FullText story"><p>b</p></div>
<article id="Main-Content-2"><p>c</p></article>
<div class="post"><div class="entry"><p>d</p></div></div>
<div class="page-content wrap" id=""><p>e</p></div>
<main><p>f</p></main>
<div class="ARTICLE BODY"><p>g</p></div>
</body></html>"""

EXPRESSIONS = [
    ".//*[self::article or self::div][@class='post' or re:test(@class, 'post-?body')][1]",
    "(.//*[self::div or self::section][re:test(@class, 'fulltext', 'i')])[1]",
    "(.//*[self::div or self::section][re:test(@class, 'fulltext')])[1]",
    "(.//*[self::article or self::div][contains(translate(@id, 'CM', 'cm'), 'main-content')])[1]",
    "(.//*[self::article or self::section][starts-with(@role, 'main')])[1]|(.//main)[1]",
    "(.//div[@class='entry'])[1]",
    ".//*[self::div][@id=''][1]",
    "(.//*[self::div][re:test(@id, '^$')])[1]",
    "(.//*[self::div][contains(@class, '')])[1]",
    "(.//*[contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'article b')])[1]",
    "(.//article)[1]",
    ".//span | .//main",
]


@pytest.mark.parametrize("path", EXPRESSIONS)
def test_made_up_page_same_node_as_lxml(path: str) -> None:
    tree = parse_html(MADE_UP)
    assert tree is not None
    test = compile_path(path)
    assert test is not None, path
    assert first_match(tree, test) is _lxml_first(path, tree)


@pytest.mark.parametrize("path", [
    "(.//div)[2]",                              # another position
    ".//div[1][@class='post']",                 # [1] before a predicate: first child, then the test
    ".//div[@class='post' and @id='x']",        # and
    ".//div[not(@class)]",                      # another function
    "//div[@class='post']",                     # from the document root
    ".//div/p",                                 # a path of two steps
    "count(.//div)",
    ".//*[self::div or @class='post']",         # a tag test and an attribute test in one predicate
])
def test_other_xpath_is_left_to_lxml(path: str) -> None:
    assert compile_path(path) is None


def test_text_index_counts_the_whole_text_as_text_chars(trees: list[etree._Element]) -> None:
    assert all(TextIndex(tree).whole == text_chars(tree) for tree in trees)
