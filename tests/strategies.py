"""Hypothesis strategies: content of every shape, with clutter planted anywhere around it.

Content is every kind of block an article holds, not only news paragraphs:
headings, short lines, list items, Q&A lines, code, table rows, paragraphs in
other languages, forum replies, lines ending with a bracket or an ellipsis,
and short lines that recur naturally (a chorus, "Stir well."). It is placed
anywhere: before, between and after clutter, right after a promo heading, and
as prose that resumes after a teaser list.

Clutter is every kind the filters claim to remove, planted where they claim
to remove it: bylines, credits, captions and their copies, inline promos,
contact, wire-credit, timestamp, reading-time and copyright lines, interface
lines, cookie notices and tag lists anywhere; a menu at the top; exact copies
of a paragraph next to it or far from it, and copies cut short with "…"
anywhere; a promo heading with teasers before prose resumes; a promo section,
readers' comments and an author bio at the end.

:class:`Planted` records the role of every block, so the properties can check
that each content block survives and each clutter block goes. Content
paragraphs are built from a pool of distinct sentences, each used at most once
per document, so no content paragraph repeats or contains another (that would
be duplication, which declutter is right to remove).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from hypothesis import strategies as st

from declutter.filters.promos import CARD_LABELS

SENTENCES = [
    "The city council voted on Tuesday to extend the bus lanes along the harbour road until the end of next year.",
    "Officials said the cost of the project had risen by almost a third since the first estimate was published.",
    "Residents who spoke at the meeting were divided, with shop owners warning that deliveries would suffer.",
    "The mayor, who has backed the plan since her election, called the vote a step toward cleaner air.",
    "Engineers expect the work to begin in the spring, once the ground has thawed and the contracts are signed.",
    "A spokesman for the transport authority declined to say how many drivers had been consulted.",
    "Farmers in the valley have watched the river rise for three days, and many have moved their cattle uphill.",
    "The regional weather service issued its highest warning on Sunday night, the first in more than a decade.",
    "Volunteers filled sandbags in the school car park while the fire brigade pumped water out of cellars.",
    "“We have never seen it come this fast,” said a woman who has lived beside the bridge for forty years.",
    "Insurance companies said it was too early to estimate the damage, but claims were already arriving.",
    "The minister promised emergency funds, although she did not say how much money would be available.",
    "Scientists at the university have spent six years measuring how quickly the glacier is retreating.",
    "Their results, published this week, suggest the ice is thinning twice as fast as earlier models predicted.",
    "The team used drones and satellite images to map crevasses that are too dangerous to reach on foot.",
    "Local guides say the path to the viewpoint has become steeper every summer since they began working there.",
    "Tourism still brings most of the village's income, which makes the findings hard news for many families.",
    "The researchers plan to return in the autumn with instruments that can measure meltwater under the ice.",
    "Shares in the company fell sharply after it reported a loss for the third quarter in a row.",
    "Analysts had expected a small profit, pointing to strong sales of its new line of electric bicycles.",
    "The chief executive blamed higher prices for batteries and a slow winter in its largest markets.",
    "She told investors that the firm would cut costs by closing two warehouses and renegotiating leases.",
    "Workers at one of the warehouses said they learned of the closure from a local newspaper.",
    "The union has asked for a meeting with management before any decision about jobs is made final.",
    "Rehearsals for the festival began in an old tram depot that the organisers rent for a symbolic fee.",
    "The director wanted a space where the audience could walk between the actors during the performance.",
    "More than two hundred volunteers have signed up to help with tickets, lighting and the outdoor kitchen.",
    "Last year the festival sold out within a week, and organisers hope to add a second weekend this time.",
    "Critics have praised the programme for mixing well-known plays with new work by young local writers.",
    "The hospital opened a new wing on Friday after nearly four years of delays and two changes of contractor.",
    "Doctors said the extra beds would shorten waiting times for operations that are not urgent.",
    "Nurses welcomed the building but warned that staff shortages remained the main problem on the wards.",
    "The health board said it had recruited forty new nurses from abroad and was training more at home.",
    "Patients will be moved into the wing in stages, starting with the children's ward next month.",
    "The talks ended late on Thursday without agreement on how the fishing quotas should be shared.",
    "Delegates from both sides said progress had been made on the smaller questions of inspection and reporting.",
    "Fishermen in the northern ports have been waiting for months to learn how much they may catch next season.",
    "One captain said he had already sold his second boat because he could not plan that far ahead.",
    "Negotiators are expected to meet again in two weeks, this time in the capital rather than in Brussels.",
    "The library will stay open late on weekdays from next month, a change readers have requested for years.",
    "Students said the reading rooms were often full by mid-afternoon during the examination period.",
    "The council found the money by sharing the building's heating and cleaning costs with the museum next door.",
    "Librarians plan to use the extra hours for homework clubs and language classes for adults.",
    "Police closed the motorway for six hours after a lorry carrying timber overturned near the junction.",
    "Nobody was seriously hurt, but the driver was taken to hospital as a precaution.",
    "Traffic was diverted through the villages, where residents complained about queues lasting into the night.",
    "The road operator said the barrier that failed had been scheduled for replacement in the spring.",
]

CAPTIONS = [
    "President Jane Roe speaks to reporters at the White House in Washington, on May 4, 2021. (AP Photo/Evan Vucci)",
    "Firefighters work at the scene of a blaze in Lisbon, Portugal, on July 12, 2022. REUTERS/Pedro Nunes",
    "A man walks past a closed shop in central London. (Photo by Dan Kitwood/Getty Images)",
    "Demonstrators gather outside parliament. Photograph: Leon Neal/Getty Images",
    "FILE - In this Sept. 2, 2019, file photo, workers repair a road in Miami.",
]
CREDIT_LINES = ["Photo credit: Sasha Mordovets/Getty Images", "Image: AP", "Credit: Reuters",
                "Dan Kitwood/Getty Images"]
BYLINES = ["By Jane Doe", "By JOHN SMITH, Associated Press", "By Maria Lopez and Tom Baker", "Written by Ahmed Khan"]
BIOS = [
    "Jane Doe is a staff writer at The Gazette covering city hall. Twitter: @janedoe",
    "John Smith was a senior correspondent for Foreign Policy between 2010 and 2022.",
]
CONTACT_LINES = ["Twitter: @janedoe", "Follow Jane Doe on Twitter", "(Reporting by Jane Doe; Editing by John Smith)"]
INLINE_PROMOS = [
    "Related: Council approves new budget for schools",
    "READ MORE: Five things to know about the flood",
    "Sign up for our newsletter to get the best stories every morning",
    "Share this article",
    "12 comments",
    "Advertisement",
]
SECTION_HEADINGS = ["More from Foreign Policy", "Related", "Related stories", "You may also like", "Most popular",
                    "Read next", "Recommended for you"]
TEASERS = [
    "Russians Are Unraveling Before Our Eyes",
    "A wave of fresh humiliations has the Kremlin struggling to control the narrative.",
    "The Battle for Eurasia",
    "Why the harbour bus lanes will change the city",
    "Ten photos from the festival's opening night",
]


#: Headings: short, no full stop, none a promo or menu label.
HEADINGS = ["Why the harbour vote matters", "What the engineers found", "The cost of waiting", "A village divided",
            "Lessons from the flood", "How the glacier is measured", "Inside the tram depot", "Ward 4, one year on"]
#: Short lines of five words or fewer; some end with a bracket or an ellipsis.
SHORT_LINES = ["Stir well.", "Yes.", "It rained all week.", "Nobody answered.", "Then the lights went out…",
               "Serves four (or two hungry adults)", "Not yet.", "Chapter 3", "2 cups of flour (sifted)"]
#: List items, bulleted or numbered.
LIST_ITEMS = ["- Two cups of flour", "- One spoon of honey (warmed)", "* Check the tyres before you leave",
              "1. Preheat the oven to 200 degrees.", "2. Grease the tin with butter.", "3. Bake for forty minutes.",
              "• Bring a torch, a map and water", "- The 7.15 bus to the harbour (weekdays only)"]
#: Questions and answers of an interview.
QA_LINES = ["Q: Did you see the water rise?", "A: Yes, it came up the steps within an hour.",
            "Q: Will you rebuild the shop?", "A: We have no choice, it is all we have.",
            "Interviewer: What changed after the vote?", "Mayor: Everything, and nothing, to be honest."]
#: Lines of code.
CODE_LINES = ["def total(items):", "    return sum(item.price for item in items)", "for line in open(path):",
              "    print(line.strip())", "<div class=\"note\">Remember the milk</div>", "SELECT name FROM staff;",
              "}", "x = [i * 2 for i in range(10)]  # doubled"]
#: Table rows.
TABLE_ROWS = ["Team | Played | Won | Lost", "Harbour FC | 10 | 7 | 3", "Valley Rovers | 10 | 5 | 5",
              "Year\tVisitors\tIncome", "2021\t12,400\t€310,000", "2022\t15,900\t€402,000"]
#: Paragraphs in other languages, some opening with a word that is also a byline opener.
OTHER_LANGUAGES = [
    "Der Gemeinderat hat am Dienstag beschlossen, die Busspur am Hafen bis zum Ende des nächsten Jahres zu verlängern.",
    "Von Montag an gilt die neue Regel für alle Busse, die durch die Altstadt fahren.",
    "Le conseil municipal a voté mardi pour prolonger les voies de bus le long du port jusqu'à l'année prochaine.",
    "Par ailleurs, le maire a promis de nouveaux bancs sur la place du marché avant l'été.",
    "El ayuntamiento votó el martes a favor de ampliar los carriles de autobús del puerto.",
    "Por la tarde, los vecinos se reunieron en la plaza para hablar de las obras.",
    "Di solito il mercato apre alle otto, ma sabato resterà chiuso per la festa del patrono.",
    "De gemeenteraad stemde dinsdag voor een langere busbaan langs de haven.",
    "市议会周一投票决定保留图书馆，反对者表示将提出上诉。",
    "Рада міста проголосувала за продовження автобусної смуги вздовж гавані.",
]
#: Replies in a forum thread.
FORUM_REPLIES = ["Thanks, that fixed it for me.",
                 "I had the same problem after the update; reinstalling the driver helped.",
                 "Has anyone tried this on the older model?", "Same here. Following this thread.",
                 "@marta did you ever find out why it happened?"]
#: Sentences about someone that read like an author bio: content anywhere but the document's tail.
ABOUT_SOMEONE = ["Tom Baker was a reporter at the Gazette for thirty years before he ran for mayor.",
                 "Maria Lopez is a freelance photographer who has covered the valley since 2010."]
#: The content shapes, each a pool of lines.
SHAPES: dict[str, list[str]] = {"heading": HEADINGS, "short line": SHORT_LINES, "list item": LIST_ITEMS,
                                "qa": QA_LINES, "code": CODE_LINES, "table row": TABLE_ROWS,
                                "other language": OTHER_LANGUAGES, "forum reply": FORUM_REPLIES}

#: Lines of clutter the filters remove wherever they stand.
ANYWHERE: dict[str, list[str]] = {
    "byline": BYLINES,
    "credit line": CREDIT_LINES,
    "caption": CAPTIONS,
    "inline promo": ["Related: Council approves new budget for schools",
                     "READ MORE: Five things to know about the flood",
                     "Sign up for our newsletter to get the best stories every morning", "Share this article",
                     "Advertisement"],
    "contact": ["Twitter: @janedoe", "Follow Jane Doe on Twitter", "Email: jane.doe@example.com"],
    "wire credit": ["(Reporting by Jane Doe; Editing by John Smith)", "Maria Lopez contributed reporting."],
    "timestamp": ["Updated at 1:23 p.m.", "Published 18 November 2019"],
    "reading time": ["5 min read", "Reading time: 4 minutes"],
    "copyright": ["Copyright 2019 The Gazette. All rights reserved.", "© Reuters"],
    "interface": ["Skip to main content", "Back to top"],
    "cookies": ["We use cookies to give you the best experience on our website."],
    "tags": ["Tags: budget, council, harbour", "Topics: floods | weather | farming"],
}
MENU = ["Home", "News", "Sport", "Business", "Opinion", "About Us", "Contact"]
COMMENTS = [("12 Comments", "Jane Roe August 17, 2019 - 2:19 pm"),
            ("34 responses to this story", "2 days ago at 07:52 am")]
READER_COMMENTS = ["Great news for the harbour!", "I have waited years for this bus lane, finally.",
                   "Not everyone in the valley agrees, and the council knows it."]
#: Words a block needs to count as prose where a promo section ends (``Config.prose_min_words``).
PROSE_WORDS = 35


@dataclass
class Planted:
    """A generated document and what was planted in it.

    ``roles`` has one entry per block of ``text`` (its non-blank lines, in
    order): ``"content"`` or the kind of clutter. ``content`` and ``clutter``
    are the blocks' texts by role, in order.
    """

    text: str
    content: list[str]
    clutter: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


def join(blocks: list[str], seps: list[str], trailing: str) -> str:
    out = []
    for i, block in enumerate(blocks):
        out.append(block)
        if i < len(blocks) - 1:
            out.append(seps[i % len(seps)])
    return "".join(out) + trailing


@st.composite
def separators(draw: st.DrawFn) -> str:
    """A line break style and a run of blank lines, sometimes with stray spaces."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    blank = draw(st.integers(0, 3))
    pad = draw(st.sampled_from(["", " ", "\t"]))
    return newline + (pad + newline) * blank


@st.composite
def _layout(draw: st.DrawFn, placed: list[tuple[str, str]]) -> Planted:
    """The blocks joined with drawn separators, and their roles."""
    seps = draw(st.lists(separators(), min_size=1, max_size=4))
    trailing = draw(st.sampled_from(["", "\n", "\r\n", "\n\n"]))
    texts = [text for text, _ in placed]
    roles = [role for _, role in placed]
    return Planted(join(texts, seps, trailing), [t for t, r in placed if r == "content"],
                   [t for t, r in placed if r != "content"], roles)


class _Sentences:
    """Hands out the pool's sentences, each at most once per document."""

    def __init__(self, order: list[int]) -> None:
        self.order, self.next = order, 0

    def take(self, count: int) -> str | None:
        if self.next + count > len(self.order):
            return None
        self.next += count
        return " ".join(SENTENCES[i] for i in self.order[self.next - count:self.next])

    def prose(self) -> str | None:
        """A paragraph long enough to end a promo section (three sentences, 35+ words)."""
        return self.take(3)


@st.composite
def paragraphs(draw: st.DrawFn, min_size: int = 1, max_size: int = 8) -> list[str]:
    """Distinct content paragraphs of one to three sentences, no sentence used twice."""
    count = draw(st.integers(min_size, max_size))
    pool = _Sentences(list(draw(st.permutations(range(len(SENTENCES))))))
    result = []
    for _ in range(count):
        paragraph = pool.take(draw(st.integers(1, 3)))
        if paragraph is None:
            break
        result.append(paragraph)
    return result


@st.composite
def _unit(draw: st.DrawFn, pool: _Sentences, used: set[str]) -> list[tuple[str, str]]:
    """One piece of content: a paragraph, lines of one shape, or prose resuming after a promo heading."""
    kind = draw(st.sampled_from(["paragraph", "paragraph", *SHAPES, "after promo heading", "after teasers"]))
    if kind == "paragraph":
        text = pool.take(draw(st.integers(1, 3)))
        return [(text, "content")] if text else []
    if kind in SHAPES:
        lines = draw(st.lists(st.sampled_from(SHAPES[kind]), min_size=1, max_size=3, unique=kind != "short line"))
        # Short lines may recur (natural repetition); longer lines are used once per document.
        fresh = [line for line in lines if kind == "short line" or line not in used]
        used.update(fresh)
        return [(line, "content") for line in fresh]
    prose = pool.prose()
    if prose is None:
        return []
    heading = [(draw(_promo_heading(used)), "promo heading")]
    teasers = [] if kind == "after promo heading" else [
        (t, "teaser") for t in draw(st.lists(st.sampled_from(TEASERS[2:] + TEASERS[:1]), min_size=1, max_size=3,
                                             unique=True))]
    return [*heading, *teasers, (prose, "content")]


def _copy_key(heading: str, copy: int) -> str:
    return f"{heading}\x00{copy}"


@st.composite
def _promo_heading(draw: st.DrawFn, used: set[str]) -> str:
    """A promo heading with fewer than ``CARD_LABELS`` copies so far (counted in ``used``). More copies, a few
    blocks apart, are the label under each card of a list (promos' ``_card_label``): a link, whose section stays
    by design. Hypothesis found a document with four "More from Foreign Policy" headings."""
    heading = draw(st.sampled_from([h for h in SECTION_HEADINGS if _copy_key(h, CARD_LABELS) not in used]))
    used.add(_copy_key(heading, next(n for n in range(1, CARD_LABELS + 1) if _copy_key(heading, n) not in used)))
    return heading


@st.composite
def contents(draw: st.DrawFn, min_units: int = 1, max_units: int = 8) -> list[list[tuple[str, str]]]:
    """Units of content in document order (see :func:`_unit`)."""
    pool = _Sentences(list(draw(st.permutations(range(len(SENTENCES))))))
    used: set[str] = set()
    units = [draw(_unit(pool, used)) for _ in range(draw(st.integers(min_units, max_units)))]
    return [unit for unit in units if unit] or [[("Stir well.", "content")]]


@st.composite
def clean_documents(draw: st.DrawFn) -> Planted:
    """Content of every shape with no clutter at all (no promo headings either)."""
    units = draw(contents())
    return draw(_layout([item for unit in units for item in unit if item[1] == "content"]))


def _copies(draw: st.DrawFn, text: str) -> list[tuple[str, str]]:
    """Maybe a copy of a paragraph: next to it, or cut short with an ellipsis."""
    words = text.split()
    choice = draw(st.integers(0, 5))
    if choice == 0 and len(words) >= 10:
        return [(text, "copy next to its original")]
    if choice == 1 and len(words) >= 14:
        cut = draw(st.integers(11, len(words) - 2))
        return [(" ".join(words[:cut]) + draw(st.sampled_from(["…", " …", "...", " [...]"])), "copy cut short")]
    return []


def _is_prose(text: str) -> bool:
    return len(text.split()) >= PROSE_WORDS and text.endswith(".")


@st.composite
def cluttered_documents(draw: st.DrawFn) -> Planted:
    """Content of every shape with clutter planted anywhere (see the module docstring)."""
    units = draw(contents())
    if sum(role == "content" for unit in units for _, role in unit) >= 3 and draw(st.booleans()):
        units.insert(0, [(draw(st.sampled_from(ABOUT_SOMEONE)), "content")])  # three content blocks follow it
    head: list[tuple[str, str]] = []
    if draw(st.booleans()):
        head += [(line, "menu") for line in draw(st.lists(st.sampled_from(MENU), min_size=3, max_size=5))]
    if draw(st.booleans()):
        head.append((draw(st.sampled_from(BYLINES)), "byline"))
    if draw(st.booleans()):
        head.append(("12 comments", "comment counter"))
    # Segments: a unit of content with the clutter around it; far copies go between segments only,
    # never inside a unit (between a promo heading and the prose that ends its section).
    segments = [head]
    far: list[tuple[int, str]] = []
    for unit in units:
        segment = draw(_anywhere()) + unit
        text, role = unit[-1]
        if role == "content" and text.endswith("."):
            segment += _copies(draw, text)
            if len(text.split()) >= 25 and draw(st.integers(0, 3)) == 0:
                far.append((len(segments), text))
        segments.append(segment)
    segments.append(draw(_anywhere()))
    for after, text in reversed(far):  # an exact copy somewhere after its original (later ones first)
        segments.insert(draw(st.integers(after + 1, len(segments))), [(text, "copy far from its original")])
    placed = _two_timestamps([item for segment in segments for item in segment])
    copies = Counter(t for t, r in placed if r == "promo heading")
    headings = {_copy_key(text, n) for text, count in copies.items() for n in range(1, count + 1)}
    placed += draw(_tail(any(_is_prose(t) for t, r in placed if r == "content"), headings))
    return draw(_layout(placed))


def _two_timestamps(placed: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """At most two timestamp lines: three or more, each before a sentence, date a live blog's
    entries and stay by design (bylines' ``ENTRY_STAMPS``)."""
    stamps = [i for i, (_, role) in enumerate(placed) if role == "timestamp"][2:]
    return [item for i, item in enumerate(placed) if i not in stamps]


@st.composite
def _anywhere(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Zero to two clutter lines of the kinds removed wherever they stand."""
    kinds = draw(st.lists(st.sampled_from(sorted(ANYWHERE)), max_size=2))
    out = []
    for kind in kinds:
        line = draw(st.sampled_from(ANYWHERE[kind]))
        out += [(line, kind)] * (draw(st.integers(1, 3)) if kind == "caption" else 1)
    return out


@st.composite
def _tail(draw: st.DrawFn, has_prose: bool, used: set[str]) -> list[tuple[str, str]]:
    """An author bio, a promo section, and readers' comments after the article, each maybe.

    Without prose (``has_prose``) the promo heading stands alone and no comments follow."""
    out: list[tuple[str, str]] = []
    if draw(st.booleans()):
        out.append((draw(st.sampled_from(BIOS)), "bio"))
        out += draw(_anywhere())
    if draw(st.booleans()):
        out.append((draw(_promo_heading(used)), "promo heading"))
        # Teasers follow only an article: after no sentence at all (a spec sheet, a product grid) the
        # filter takes the heading alone and keeps what follows (see promos' section_end).
        teasers = draw(st.lists(st.sampled_from(TEASERS + CAPTIONS), max_size=6)) if has_prose else []
        out += [(t, "promo section") for t in teasers]
    if has_prose and draw(st.booleans()):
        heading, stamp = draw(st.sampled_from(COMMENTS))
        out += [(heading, "comments"), (stamp, "comments")]
        out += [(c, "comments") for c in draw(st.lists(st.sampled_from(READER_COMMENTS), min_size=1, max_size=3))]
    return out


def planted(*placed: tuple[str, str], sep: str = "\n\n") -> Planted:
    """A :class:`Planted` document from ``(text, role)`` pairs, for explicit examples."""
    return Planted(sep.join(t for t, _ in placed) + "\n", [t for t, r in placed if r == "content"],
                   [t for t, r in placed if r != "content"], [r for _, r in placed])
