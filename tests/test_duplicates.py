"""duplicates: exact, truncated and contained copies go; natural repetition stays."""

from __future__ import annotations

from dataclasses import replace

import declutter
from declutter import Config

LEAD = ("Russian President Vladimir Putin says his growing military adventure in Syria is meant to put the hurt "
        "on the Islamic State. On Tuesday, exasperated and disbelieving world leaders demanded that he prove it.")
STANDFIRST = ("Putin says his main goal in Syria is to defeat the Islamic State. World leaders on Tuesday demanded "
              "that he prove it.")
BODY = "French Foreign Minister Laurent Fabius said Tuesday it is time for Moscow to show it is truly committed."


def doc(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def reasons(text: str, config: Config | None = None) -> list[tuple[str, int]]:
    return [(r.reason, r.index) for r in declutter.clean_and_explain(text, config).removals]


def test_exact_copy_anywhere_keeps_the_first() -> None:
    text = doc(LEAD, BODY, LEAD)
    assert declutter.clean(text) == doc(LEAD, BODY)
    assert reasons(text) == [("duplicate.exact", 2)]


def test_case_space_and_punctuation_insensitive() -> None:
    variant = LEAD.upper().replace(",", "").replace(" ", "  ")
    assert declutter.clean(doc(LEAD, BODY, variant)) == doc(LEAD, BODY)


def test_standfirst_and_lead_sharing_an_ending_both_stay() -> None:
    text = doc(STANDFIRST, LEAD, BODY)
    assert declutter.clean(text) == text


def test_truncated_copy_removed_wherever_it_is() -> None:
    truncated = LEAD[:90] + "…"
    assert reasons(doc(LEAD, BODY, truncated)) == [("duplicate.truncated", 2)]
    assert reasons(doc(truncated, LEAD, BODY)) == [("duplicate.truncated", 0)]
    assert reasons(doc(LEAD, BODY, " ".join(LEAD.split()[:12]) + " ...")) == [("duplicate.truncated", 2)]


def test_truncated_text_that_matches_nothing_stays() -> None:
    text = doc(LEAD, BODY, "And so the negotiators left the building without any agreement on the next steps…")
    assert declutter.clean(text) == text


def test_caption_repeated_inside_a_teaser() -> None:
    caption = "Chinese President Xi Jinping and Brazilian President Lula da Silva shake hands in Beijing."
    teaser = caption + " A BRICS Currency Could Shake the Dollar's Dominance"
    text = doc(BODY, teaser, caption)
    assert declutter.clean(text) == doc(BODY, teaser)
    assert reasons(text) == [("duplicate.contained", 2)]


def test_pull_quote_repeated_from_a_paragraph() -> None:
    quote = "“If one is against terrorists, it is not abnormal to strike those terrorists right away,” Fabius said."
    paragraph = f"The French minister was blunt. {quote} Others were more careful."
    assert declutter.clean(doc(paragraph, quote, BODY)) == doc(paragraph, BODY)


def test_repeated_song_chorus_stays() -> None:
    chorus = ["And we sing it loud tonight", "Under the city lights", "Nobody sleeps tonight"]
    verse = ["The first verse walks down the road", "The second verse finds a door"]
    text = "\n".join([verse[0], *chorus, verse[1], *chorus]) + "\n"
    assert declutter.clean(text) == text


def test_repeated_recipe_step_and_short_answers_stay() -> None:
    recipe = doc("Add the flour to the butter.", "Stir well.", "Pour in the milk slowly.", "Stir well.")
    interview = doc("Q: Did you see the flood coming?", "Yes.", "Q: Would you stay here again?", "Yes.")
    assert declutter.clean(recipe) == recipe
    assert declutter.clean(interview) == interview


def test_threshold_is_configurable() -> None:
    text = doc("Stir well and wait.", "Stir well and wait.", BODY)
    assert declutter.clean(text) == text
    assert declutter.clean(text, replace(Config(), duplicate_min_words=3)) == doc("Stir well and wait.", BODY)


def test_line_recurring_between_different_content_is_content() -> None:
    question = "What kind of food do you like yourself, and are there dishes you do not like?"
    answers = [f"{name} answered at length about the food of her childhood and the market."
               for name in ("Anna", "Maria", "Olga")]
    text = doc(question, answers[0], question, answers[1], question, answers[2])
    assert declutter.clean(text) == text


def test_repeated_run_of_blocks_is_removed() -> None:
    run = [f"Item {n}: the tech news you need to know this Tuesday, number {n} of the day." for n in range(4)]
    text = doc(*run, BODY, *run)
    result = declutter.clean_and_explain(text)
    assert result.text == doc(*run, BODY)
    assert all("repeated run" in r.detail for r in result.removals)


def test_long_paragraph_repeated_far_away_is_removed() -> None:
    assert declutter.clean(doc(LEAD, BODY, STANDFIRST, LEAD)) == doc(LEAD, BODY, STANDFIRST)


def test_short_caption_copies_are_removed_as_captions_evidence() -> None:
    cap = "Workers on the bridge. (AP Photo/Evan Vucci)"
    text = doc(cap, BODY, cap)
    assert declutter.clean(text, replace(Config(), keep_captions=True)) == doc(cap, BODY)


MEAL = ("1 scoop Shakeology, 1 cup spinach, 1 cup baby carrots, 1 cup strawberries, 8 oz. unsweetened almond "
        "milk (or 1 tsp. nut butter and 8 oz. water)")


def test_keeps_content_long_line_of_structured_content_repeated_twice() -> None:
    # A meal plan's line under the same label on two days is content (corpus page 5f03fc17 lost it).
    text = doc("Day 1", "Breakfast", MEAL, "Lunch", BODY, "Day 2", "Breakfast", MEAL, "Lunch", LEAD)
    assert declutter.clean(text) == text


def test_long_line_repeated_after_different_labels_or_as_a_sentence_still_goes() -> None:
    # Trap: the same label before both copies spares only lines that are not sentences.
    text = doc("Day 1", "Breakfast", MEAL, "Lunch", BODY, "Day 2", "Dinner", MEAL)
    assert declutter.clean(text) == doc("Day 1", "Breakfast", MEAL, "Lunch", BODY, "Day 2", "Dinner")
    lead = doc("Putin in Syria", LEAD, BODY, "Putin in Syria", LEAD)
    assert declutter.clean(lead) == doc("Putin in Syria", LEAD, BODY, "Putin in Syria")
