"""Hypothesis strategies: real-looking article prose with real-looking clutter planted in it.

Content paragraphs are built from a pool of distinct news sentences, each used at
most once per document, so no content paragraph repeats or contains another
(that would be duplication, which declutter is right to remove).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

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


@st.composite
def paragraphs(draw: st.DrawFn, min_size: int = 1, max_size: int = 8) -> list[str]:
    """Distinct content paragraphs of one to three sentences, no sentence used twice."""
    count = draw(st.integers(min_size, max_size))
    order = draw(st.permutations(range(len(SENTENCES))))
    sizes = [draw(st.integers(1, 3)) for _ in range(count)]
    result, start = [], 0
    for size in sizes:
        if start + size > len(order):
            break
        result.append(" ".join(SENTENCES[i] for i in order[start:start + size]))
        start += size
    return result


@st.composite
def separators(draw: st.DrawFn) -> str:
    """A line break style and a run of blank lines, sometimes with stray spaces."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    blank = draw(st.integers(0, 3))
    pad = draw(st.sampled_from(["", " ", "\t"]))
    return newline + (pad + newline) * blank


@dataclass
class Planted:
    """A generated document and what was planted in it."""

    text: str
    content: list[str]
    clutter: list[str] = field(default_factory=list)


def join(blocks: list[str], seps: list[str], trailing: str) -> str:
    out = []
    for i, block in enumerate(blocks):
        out.append(block)
        if i < len(blocks) - 1:
            out.append(seps[i % len(seps)])
    return "".join(out) + trailing


@st.composite
def clean_documents(draw: st.DrawFn) -> Planted:
    """Prose with no clutter at all."""
    content = draw(paragraphs())
    seps = draw(st.lists(separators(), min_size=1, max_size=4))
    trailing = draw(st.sampled_from(["", "\n", "\r\n", "\n\n"]))
    return Planted(join(content, seps, trailing), content)


@st.composite
def _clutter_after(draw: st.DrawFn, paragraph: str, number: int) -> str | None:
    """Maybe a caption, credit, inline promo, contact line or a copy of the paragraph."""
    choice = draw(st.integers(0, 5))
    if choice == 1:
        return draw(st.sampled_from(CAPTIONS + CREDIT_LINES))
    if choice == 2:
        return draw(st.sampled_from(INLINE_PROMOS + CONTACT_LINES))
    if choice == 3 and len(paragraph.split()) >= 10:
        return paragraph  # a repeated lead: the second copy must go
    if choice == 4 and number:
        return draw(st.sampled_from(CAPTIONS))
    return None


@st.composite
def cluttered_documents(draw: st.DrawFn) -> Planted:
    """Prose with bylines at the head, captions, inline promos and repeated leads
    inside, a bio at the tail and sometimes a promo section at the very end."""
    content = draw(paragraphs(min_size=1, max_size=8))
    blocks: list[str] = []
    clutter: list[str] = []

    def plant(item: str) -> None:
        blocks.append(item)
        clutter.append(item)

    if draw(st.booleans()):
        plant(draw(st.sampled_from(BYLINES)))
    for number, paragraph in enumerate(content):
        blocks.append(paragraph)
        item = draw(_clutter_after(paragraph, number))
        if item is not None:
            plant(item)
    if draw(st.booleans()):
        plant(draw(st.sampled_from(BIOS)))
    if draw(st.booleans()):
        plant(draw(st.sampled_from(SECTION_HEADINGS)))
        for teaser in draw(st.lists(st.sampled_from(TEASERS + CAPTIONS), max_size=6)):
            plant(teaser)
    seps = draw(st.lists(separators(), min_size=1, max_size=4))
    trailing = draw(st.sampled_from(["", "\n", "\r\n"]))
    return Planted(join(blocks, seps, trailing), content, clutter)
