"""chrome: menus, interface lines and cookie notices go; lists and short lines of content stay."""

from __future__ import annotations

import pytest

import declutter
from declutter.filters.chrome import Reason, line_reason, patterns_for
from tests.articles import BODY as ARTICLE
from tests.articles import PROSE

BODY = list(ARTICLE[:2])
PATS = patterns_for("en")


def doc(*blocks: str) -> str:
    return "\n".join(blocks) + "\n"


def test_menu_run_is_removed_from_first_to_last_label() -> None:
    text = doc("Home", "News", "Sports", "About Us", "Privacy Policy", "Council backs the bus lanes", *BODY)
    result = declutter.clean_and_explain(text)
    assert result.text == doc("Council backs the bus lanes", *BODY)
    assert {r.reason for r in result.removals} == {"chrome.navigation"}


def test_a_single_label_or_two_short_lines_are_not_a_menu() -> None:
    text = doc(BODY[0], "News", "Analysis of the vote", BODY[1])
    assert declutter.clean(text) == text


@pytest.mark.parametrize("lines", [
    ["Ingredients", "2 eggs", "1 cup flour", "1 tsp salt", "Method"],
    ["France", "Germany", "Italy", "Spain", "Portugal"],
    ["And we sing it loud tonight", "Under the city lights", "Nobody sleeps tonight", "Nobody sleeps"],
])
def test_short_lines_of_content_stay(lines: list[str]) -> None:
    text = doc(BODY[0], *lines, BODY[1])
    assert declutter.clean(text) == text


@pytest.mark.parametrize("intro", ["Which apps do teenagers use most? The survey listed:", "The survey listed:"])
def test_a_list_the_article_announces_is_not_a_menu(intro: str) -> None:
    # The same names as a social-links bar, but a sentence ending with a colon introduces them.
    text = doc(BODY[0], intro, "Instagram", "TikTok", "Snapchat", "YouTube", "Facebook", BODY[1])
    assert "chrome.navigation" not in {r.reason for r in declutter.clean_and_explain(text).removals}
    assert all(name in declutter.clean(text) for name in ("Instagram", "TikTok", "Snapchat", "YouTube"))


@pytest.mark.parametrize(("text", "reason"), [
    ("Skip to main content", Reason.UI),
    ("Back to top", Reason.UI),
    ("Close", Reason.UI),
    ("Comments are closed.", Reason.UI),
    ("We use cookies to improve your experience. By continuing you agree to our cookie policy.", Reason.COOKIES),
    ("Accept all cookies", Reason.COOKIES),
    ("In order to give you the best experience, we use cookies and similar technologies for performance, "
     "analytics, personalization, advertising, and to help our site function.", Reason.COOKIES),
    ("To tell us what you think, please update your settings to accept analytics and performance cookies.",
     Reason.COOKIES),
    ("This content isn't visible due to your cookie preferences. To load this content, click the Allow button.",
     Reason.COOKIES),
])
def test_interface_and_cookie_lines(text: str, reason: Reason) -> None:
    assert line_reason(text, PATS) is reason


@pytest.mark.parametrize("text", [
    "Search teams worked through the night to find the missing climbers.",
    "The regulator said cookies used for advertising must be opt-in from next year.",
    "Close to a third of residents voted against the plan.",
])
def test_prose_that_starts_like_chrome_stays(text: str) -> None:
    assert line_reason(text, PATS) is None
    assert declutter.clean(doc(BODY[0], text, BODY[1])) == doc(BODY[0], text, BODY[1])


def test_menu_labels_in_other_languages() -> None:
    text = doc("Startseite", "Politik", "Wirtschaft", "Sport", "Impressum",
               "Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr nach langer Debatte beschlossen.",
               "Die Opposition kritisierte vor allem die geplante Schließung von zwei Schwimmbädern in der Stadt.")
    out = declutter.clean(text, declutter.Config(lang="de"))
    assert out.startswith("Der Stadtrat")


LONE_WORDS = ["Share", "Print", "Next", "Search", "Facebook", "Close", "Email"]
#: Seven paragraphs: the word stands in the middle, past the first and last three blocks (the page's edges).
FULL = [*ARTICLE, "The vote is on Friday and the result is expected soon after the meeting.",
        "A second hearing on the cost of the lanes is planned for the spring of next year.",
        "Shop owners have asked the council to publish the delivery times before then."]


def blank(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize("word", LONE_WORDS)
def test_a_lone_interface_word_as_a_subheading_stays(word: str) -> None:
    text = blank(*FULL[:3], word, *FULL[3:])
    assert declutter.clean(text) == text


@pytest.mark.parametrize("word", LONE_WORDS)
def test_a_lone_interface_word_in_a_list_the_article_announces_stays(word: str) -> None:
    others = [w for w in LONE_WORDS if w != word][:2]
    text = blank(*FULL[:3], "The new app has three buttons on its toolbar:", word, *others, *FULL[3:])
    assert declutter.clean(text) == text


@pytest.mark.parametrize("word", LONE_WORDS)
def test_a_lone_interface_word_beside_other_chrome_goes(word: str) -> None:
    bar = [word, "Twitter" if word != "Twitter" else "Facebook", "Copy link"]
    assert declutter.clean(blank(*FULL[:3], *bar, *FULL[3:])) == blank(*FULL)


@pytest.mark.parametrize("word", LONE_WORDS)
def test_a_lone_interface_word_at_the_edges_of_the_page_goes(word: str) -> None:
    assert declutter.clean(blank(word, *FULL)) == blank(*FULL)
    assert declutter.clean(blank(*FULL, word)) == blank(*FULL)


def test_a_lone_interface_word_beside_removed_clutter_goes() -> None:
    text = blank(*FULL[:3], "Workers on the bridge. (AP Photo/Evan Vucci)", "Share", *FULL[3:])
    result = declutter.clean_and_explain(text)
    assert [r.text for r in result.removals] == ["Workers on the bridge. (AP Photo/Evan Vucci)", "Share"]


def test_a_long_run_after_a_colon_or_a_list_announced_among_links_is_the_sites() -> None:
    links = ["Facebook", "Twitter", "Instagram", "Email", "Print", "Share", "Reddit", "LinkedIn"]
    text = blank(*FULL[:3], "Follow us on these networks:", *links, *FULL[3:])
    assert all(w not in declutter.clean(text).split("\n") for w in ("Print", "Share", "Email"))
    among = blank(*FULL[:3], "Home", "Local news", "Our sites around the globe:", "Gazette East", "Search",
                  *FULL[3:])
    assert "Search" not in declutter.clean(among).split("\n")


def test_other_languages_lone_words_follow_the_same_rule() -> None:
    prose = ["Der Stadtrat hat am Dienstag beschlossen, die Busspuren entlang der Hafenstraße zu verlängern.",
             "Die Kosten des Projekts sind nach Angaben der Verwaltung um ein Drittel gestiegen.",
             "Anwohner, die bei der Sitzung sprachen, waren geteilter Meinung über den Plan.",
             "Die Bürgermeisterin unterstützt den Plan seit ihrer Wahl im vergangenen Jahr.",
             "Die Abstimmung über die Verlängerung findet am Freitag im Rathaus statt.",
             "Eine zweite Anhörung zu den Kosten ist für das kommende Frühjahr geplant."]
    german = declutter.Config(lang="de")
    heading = blank(*prose[:3], "Weiter", *prose[3:])
    assert declutter.clean(heading, german) == heading
    assert declutter.clean(blank(*prose[:3], "Teilen", "Drucken", "Link kopieren", *prose[3:]), german) == blank(*prose)


# --------------------------------------------------------------- cookie dialogs

#: A consent manager's dialog as extractors hand it over: a heading, long category descriptions, toggles.
DIALOG = [
    "We value your privacy",
    "We and our partners store and/or access information on a device, such as cookies and process personal data, "
    "such as unique identifiers and standard information sent by a device for personalised advertising and content, "
    "ad and content measurement, and audience insights, as well as to develop and improve products. With your "
    "permission we and our partners may use precise geolocation data and identification through device scanning. "
    "You may click to consent to our and our partners' processing as described above. Alternatively you may access "
    "more detailed information and change your preferences before consenting or to refuse consenting.",
    "These technologies help us understand how our site is used or performs, how users engage with and navigate "
    "through the site, which sites users visit before visiting our site, how often users visit the site, and other "
    "similar information. All of the information these technologies collect is aggregated and therefore anonymous. "
    "If you do not allow these technologies, we will not know when you have visited our site.",
    "Always active",
    "These technologies are used by or on behalf of third party social media platforms and may allow you to share "
    "information with such platforms, build or enhance a profile, or create the advertisements you see on the "
    "social media platforms and elsewhere, for example to track your browsing across sites.",
]


def test_a_cookie_dialog_goes_whole_with_its_long_descriptions() -> None:
    text = doc(*ARTICLE, PROSE, DIALOG[0], DIALOG[2], "View vendors", *DIALOG[3:])
    result = declutter.clean_and_explain(text)
    # A toggle's name of the vocabulary goes with the dialog; another short line between two blocks is kept.
    assert result.text == doc(*ARTICLE, PROSE, "View vendors")
    assert [r.text.strip() for r in result.removals] == [DIALOG[0], DIALOG[2], DIALOG[3], DIALOG[4]]
    assert {r.reason for r in result.removals} == {"chrome.cookies"}


def test_a_long_consent_notice_goes_beside_its_heading() -> None:
    # 90 words: too long for a lone notice (chrome.COOKIE_MAX_WORDS), not for a dialog's block.
    text = doc(*ARTICLE, PROSE, DIALOG[0], DIALOG[1], BODY[0])
    assert declutter.clean(text) == doc(*ARTICLE, PROSE, BODY[0])


def test_consent_prose_without_a_cookie_notice_beside_it_stays() -> None:
    # The same sentences in an article about tracking: no consent heading or notice anchors them.
    text = doc(BODY[0], DIALOG[2], DIALOG[4], BODY[1])
    assert declutter.clean(text) == text


def test_consent_prose_apart_from_the_notice_stays() -> None:
    text = doc(DIALOG[0], BODY[0], DIALOG[2], BODY[1])
    assert declutter.clean(text) == doc(BODY[0], DIALOG[2], BODY[1])


def test_a_page_about_cookies_keeps_its_text() -> None:
    # A cookie policy is made of the same sentences: when they are most of the document, they are its content.
    text = doc("Cookie policy", *DIALOG[1:], BODY[0])
    result = declutter.clean_and_explain(text)
    assert all(block in result.text for block in (DIALOG[1], DIALOG[2], DIALOG[4], BODY[0]))


def test_a_tech_article_about_technologies_keeps_them() -> None:
    lines = ["These technologies are used by hospitals to track the spread of infections across wards, and the "
             "trial found they cut the time to isolate patients by half.",
             "Performance",
             "These technologies help engineers find faults in the grid before they cause outages."]
    text = doc(BODY[0], *lines, BODY[1])
    assert declutter.clean(text) == text


@pytest.mark.parametrize(("lang", "notice", "prose"), [
    ("de", "Alle Cookies akzeptieren",
     "Diese Cookies ermöglichen es uns, Besuche und Verkehrsquellen zu zählen, damit wir die Leistung unserer "
     "Website messen und verbessern können. Sie helfen uns zu erfahren, welche Seiten am beliebtesten sind."),
    ("fr", "Accepter tous les cookies",
     "Ces cookies nous permettent de compter les visites et les sources de trafic afin de mesurer et "
     "d'améliorer les performances de notre site. Ils nous aident à savoir quelles pages sont les plus populaires."),
])
def test_cookie_dialogs_in_other_languages(lang: str, notice: str, prose: str) -> None:
    article = {"de": ["Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr nach langer Debatte "
                      "beschlossen, und die Opposition hat dagegen gestimmt.",
                      "Die Opposition kritisierte vor allem die geplante Schließung von zwei Schwimmbädern in "
                      "der Stadt und kündigte eine Klage vor dem Verwaltungsgericht an."],
               "fr": ["Le conseil municipal a adopté mardi le budget de l'année prochaine après un long débat, "
                      "et l'opposition a voté contre le projet.",
                      "L'opposition a surtout critiqué la fermeture prévue de deux piscines dans la ville et a "
                      "annoncé un recours devant le tribunal administratif."]}[lang]
    long_prose = prose + " " + prose
    text = doc(*article, notice, long_prose)
    assert declutter.clean(text, declutter.Config(lang=lang)) == doc(*article)


def test_consent_prose_three_short_lines_past_the_notice_stays() -> None:
    # Two short lines may stand inside a dialog (chrome.CONSENT_GAP_LINES); three are the article's.
    text = doc(*ARTICLE, PROSE, DIALOG[0], "Step one", "Step two", "Step three", DIALOG[2], BODY[0])
    assert DIALOG[2] in declutter.clean(text)
    text = doc(*ARTICLE, PROSE, DIALOG[0], "Step one", "Step two", DIALOG[2], BODY[0])
    assert DIALOG[2] not in declutter.clean(text)


def test_menu_labels_are_matched_once_per_document_with_the_same_answers():
    from declutter.filters.chrome import _menu_labels
    from declutter.memo import document_scope

    pats = patterns_for("en")
    lines = ["Home", "News", "Sport", "Home", "The vote is on Monday.", "World", "Search teams worked all night", ""]
    direct = [pats.nav.match(line) is not None for line in lines]
    assert direct[:3] == [True, True, True] and not direct[4]
    with document_scope():
        first = _menu_labels(lines, pats)
        calls: list[str] = []
        compiled = pats.nav.compiled()

        class Counting:
            def match(self, text: str) -> object:
                calls.append(text)
                return compiled.match(text)

        try:
            pats.nav._compiled = Counting()
            again = _menu_labels([*lines, "Weather"], pats)
        finally:
            pats.nav._compiled = compiled
    assert first == direct and again == [*direct, pats.nav.match("Weather") is not None]
    assert calls == ["Weather"]  # the others were known
    assert _menu_labels(lines, pats) == direct  # outside a scope: matched, not remembered


def test_menu_labels_skip_the_lines_the_first_pass_rules_out():
    from declutter.filters.chrome import _menu_labels

    pats = patterns_for("en")
    lines = ["Home", "News", "Sport"]
    assert _menu_labels(lines, pats, ([0, 0, 0], 1)) == [False, False, False]  # no label literal found there
    assert _menu_labels(lines, pats, ([1, 0, -1], 1)) == [True, False, True]
