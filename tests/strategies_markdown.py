"""Hypothesis strategies for Markdown: article prose in Markdown, with a site's clutter around it.

A page is built from blocks of many kinds (headings, prose paragraphs with
inline links and emphasis, menus, related lists, badge rows, skip links,
fenced and indented code whose text looks like clutter, tables, quotes,
HTML blocks, link reference definitions), joined by blank lines, with LF
or CRLF line breaks and a final line break or none. Each prose paragraph
uses sentences no other paragraph uses, so no content repeats.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

SENTENCES = (
    "The council voted on Tuesday to extend the bus lanes along the harbour road until the end of next year.",
    "Officials said the cost of the project had risen by almost a third since the first estimate was published.",
    "Residents who spoke at the meeting were divided, with shop owners warning that deliveries would suffer.",
    "Engineers expect the work to begin in the spring, once the ground has thawed and the contracts are signed.",
    "Farmers in the valley have watched the river rise for three days, and many have moved their cattle uphill.",
    "Volunteers filled sandbags in the school car park while the fire brigade pumped water out of cellars.",
    "Scientists at the university have spent six years measuring how quickly the glacier is retreating.",
    "The team used drones and satellite images to map crevasses that are too dangerous to reach on foot.",
    "Shares in the company fell sharply after it reported a loss for the third quarter in a row.",
    "The chief executive blamed higher prices for batteries and a slow winter in its largest markets.",
    "Rehearsals for the festival began in an old tram depot that the organisers rent for a symbolic fee.",
    "Doctors said the extra beds would shorten waiting times for operations that are not urgent.",
    "Fishermen in the northern ports have been waiting for months to learn how much they may catch next season.",
    "Students said the reading rooms were often full by mid-afternoon during the examination period.",
    "Police closed the motorway for six hours after a lorry carrying timber overturned near the junction.",
    "Traffic was diverted through the villages, where residents complained about queues lasting into the night.",
)

#: Blocks of code whose text looks like clutter: never removed, whatever it says.
CODE = (
    "```\nRelated posts\n* [Home](/)\n* [News](/news)\n* [About](/about)\n```",
    "```python\nprint('Skip to content')  # By Jane Doe\n```",
    "    * [Home](/)\n    x = [1](2)\n    Share this article",
    "~~~\nSubscribe to our newsletter\n\n\nAdvertisement\n~~~",
)
TABLES = (
    "| Plan | Price |\n|---|---|\n| Basic | $5 |\n| Pro | $9 |",
    "| [Home](/) | [News](/news) | [About](/about) |\n|---|---|---|\n| a | b | c |",
)
MENU_LABELS = ("Home", "News", "Sport", "About us", "Contact", "Privacy Policy", "Careers", "Blog")
TEASERS = ("Harbour plan approved after long debate", "Bus lanes stay until next year, council says",
           "Glacier melting twice as fast as thought", "Festival adds a second weekend")
#: Clutter a whole page carries; each entry is one or more blocks.
CLUTTER = (
    "[Skip to content](#main)",
    "[![Build](https://img.shields.io/b.svg)](https://ci.example.org) [![PyPI](https://img.shields.io/p.svg)](https://pypi.org/x)",
    "[Home](/) | [About](/about) | [Contact](/contact) | [Blog](/blog)",
    "By Jane Doe",
    "Share this article",
    "© 2024 Example Media Ltd. All rights reserved.",
    "![Example logo](/logo.png)",
    "Advertisement",
)
OTHER = (
    "> A quoted line from the report, which the article cites.",
    "<div class=\"note\">A note in HTML.</div>",
    "[ref]: https://example.org/ref",
    "---",
    "![A flooded street in the old town](/img/street.jpg)",
)


@dataclass
class Page:
    """A Markdown page, the prose paragraphs planted in it, and its code blocks."""

    text: str
    prose: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)


def _menu(labels: list[str], bullet: str) -> str:
    return "\n".join(f"{bullet} [{label}](/{label.lower().replace(' ', '-')})" for label in labels)


@st.composite
def prose_paragraphs(draw: st.DrawFn, pool: list[str]) -> str:
    """Two or three unused sentences, maybe with an inline link and emphasis."""
    count = min(len(pool), draw(st.integers(2, 3)))
    sentences = [pool.pop(draw(st.integers(0, len(pool) - 1))) for _ in range(count)]
    text = " ".join(sentences)
    if draw(st.booleans()):
        words = text.split(" ")
        at = draw(st.integers(1, len(words) - 2))
        words[at] = f"[{words[at]}](https://example.org/{at})"
        text = " ".join(words)
    if draw(st.booleans()):
        text = text.replace(" the ", " **the** ", 1)
    return text


@st.composite
def _middle_block(draw: st.DrawFn, pool: list[str], page: Page) -> str:
    """One block of the page's body; prose and code are noted on ``page``."""
    choice = draw(st.integers(0, 9))
    if choice <= 3 and len(pool) >= 2:
        paragraph: str = draw(prose_paragraphs(pool))
        page.prose.append(paragraph)
        return paragraph
    if choice == 4:
        code: str = draw(st.sampled_from(CODE))
        page.code.append(code)
        return code
    kinds = (TABLES, ("## Related posts", "### You may also like", "## Background"), CLUTTER, OTHER)
    return str(draw(st.sampled_from(kinds[min(choice, 8) - 5])))


@st.composite
def pages(draw: st.DrawFn) -> Page:
    """A whole page: site clutter, headings, planted prose, code, tables, other blocks."""
    pool = list(SENTENCES)
    page = Page("")
    blocks: list[str] = []
    if draw(st.booleans()):
        blocks.append(_menu(draw(st.lists(st.sampled_from(MENU_LABELS), min_size=3, max_size=6, unique=True)),
                            draw(st.sampled_from("*-+"))))
    blocks.append("# " + draw(st.sampled_from(("Council backs budget", "River rises in the valley"))))
    for _ in range(draw(st.integers(1, 5))):
        blocks.append(draw(_middle_block(pool, page)))
    if draw(st.booleans()):
        blocks.append("## Related posts\n\n" + _menu(draw(st.lists(st.sampled_from(TEASERS), min_size=1,
                                                                     max_size=4, unique=True)), "*"))
    if draw(st.booleans()):
        blocks.append(_menu(draw(st.lists(st.sampled_from(MENU_LABELS), min_size=3, max_size=6, unique=True)), "-"))
        blocks.append(draw(st.sampled_from(CLUTTER)))
    separators = [draw(st.sampled_from(("\n\n", "\n\n\n", "\n \n"))) for _ in blocks[1:]]
    text = blocks[0] + "".join(sep + block for sep, block in zip(separators, blocks[1:], strict=True))
    text += draw(st.sampled_from(("\n", "", "\n\n")))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
        page.code = [code.replace("\n", "\r\n") for code in page.code]
    page.text = text
    return page


#: Any text made of Markdown's special characters and words: robustness, not realism.
markdown_noise = st.lists(
    st.sampled_from([*"#*-+>|`~[]()!_\\<>/:. \t\n\r1aZé", "](", "```", "    ", "\r\n", "http://x", "Home", "\x00"]),
    max_size=80).map("".join)
