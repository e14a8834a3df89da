"""Today's clutter in text: calls to action, shop and forum chrome, affiliate notes, reader prompts, post
navigation, readers' "Name says" comments, in all eight languages; and the traps where the same words are content."""

from __future__ import annotations

import pytest

import declutter
from declutter import Config
from declutter.filters.chrome import line_reason as chrome_reason
from declutter.filters.chrome import patterns_for as chrome_patterns
from declutter.filters.promos import line_reason as promo_reason
from declutter.filters.promos import patterns_for as promo_patterns
from tests.articles import BODY, PROSE
from tests.test_languages import ARTICLES


def doc(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def removed(text: str, config: Config | None = None) -> dict[str, str]:
    return {r.text.strip(): r.reason for r in declutter.clean_and_explain(text, config).removals}


@pytest.mark.parametrize(("line", "reason"), [
    # calls to action and reader prompts
    ("Get started today", "chrome.cta"), ("Start a Free Trial", "chrome.cta"), ("Book a demo", "chrome.cta"),
    ("Request a Quote", "chrome.cta"), ("Get a free quote today.", "chrome.cta"), ("Learn more →", "chrome.cta"),
    ("Book Your Discovery Call Today", "chrome.cta"), ("Talk to our experts", "chrome.cta"),
    ("Join the Facebook group– https://www.facebook.com/TalkingHomeRenovations", "chrome.cta"),
    ("Shop Now", "chrome.cta"), ("Already have an account? Log in", "chrome.cta"),
    ("Did you make one of my recipes? Please take a moment to leave a star rating. Also, if you are on Pinterest, "
     "please feel free to leave a comment there!", "chrome.cta"),
    ("Was this helpful?", "chrome.cta"), ("PIN FOR LATER", "chrome.cta"), ("Share your story", "chrome.cta"),
    # shop chrome
    ("Add to cart", "chrome.shop"), ("Out of Stock", "chrome.shop"), ("Ships from: Israel", "chrome.shop"),
    ("People who viewed this item also viewed", "chrome.shop"), ("Returns & exchanges accepted within 30 days",
                                                                 "chrome.shop"),
    ("Free Shipping on Domestic Orders $75+", "chrome.shop"), ("Free shipping over $75 USD & easy returns.",
                                                               "chrome.shop"),
    ("Regular price", "chrome.shop"), ("Sort and Filter", "chrome.shop"), ("Your Browsing History", "chrome.shop"),
    ("Qty: 1", "chrome.shop"), ("Results per page:", "chrome.shop"),
    # forum chrome
    ("This topic was automatically closed after 30 days. New replies are no longer allowed.", "chrome.forum"),
    ("Top Posters In This Topic", "chrome.forum"), ("Click to expand...", "chrome.forum"),
    ("Joined: Mar 2016", "chrome.forum"), ("Join Date: Aug 2008", "chrome.forum"), ("Posts: 1,077", "chrome.forum"),
    ("You are not logged in.", "chrome.forum"), ("Create an account or sign in to comment", "chrome.forum"),
    ("You need to be a member in order to leave a comment", "chrome.forum"),
    ("IPMargoFarrel likes this.", "chrome.forum"), ("Original Poster", "chrome.forum"),
    ("Stack Exchange network consists of 183 Q&A communities including Stack Overflow, the largest, most trusted "
     "online community for developers to learn, share their knowledge, and build their careers.", "chrome.forum"),
    # post navigation
    ("Back to Blogs", "chrome.ui"), ("Next article: Go Wins 2010 Bossie Award", "chrome.ui"),
    ("Previous article: Share Memory By Communicating", "chrome.ui"), ("Blog Index", "chrome.ui"),
    # affiliate and trust notes
    ("Advertiser Disclosure", "promo.affiliate"), ("Why Trust Us?", "promo.affiliate"),
    ("Products are chosen independently by our editors. Purchases made through our links may earn us a commission.",
     "promo.affiliate"),
    ("As an Amazon Associate I earn from qualifying purchases.", "promo.affiliate"),
    ("DISCLOSURE: If you buy through affiliate links, I may earn a small commission. (disclosures)",
     "promo.affiliate"),
    ("This website uses affiliate links.", "promo.affiliate"),
    ("SeniorLiving.org is supported by commissions from providers listed on our site.", "promo.affiliate"),
    # post-meta lines stay bylines
    ("Posted by David at December 16, 2025", "byline.byline"),
])
def test_modern_clutter_lines_go_alone(line: str, reason: str) -> None:
    text = doc(BODY[0], line, BODY[1])
    assert removed(text) == {line: reason}
    assert declutter.clean(text) == doc(BODY[0], BODY[1])


@pytest.mark.parametrize("line", [
    # a guide, a spec, a forum post, a recipe: the same words as content
    "Sign up for the trial, then open Settings and choose the plan that fits your team.",
    "Sign up for the Disney+ bundle using the same email as your Hulu account",
    "Free shipping is not available for this sofa, which ships by freight in two boxes.",
    "Ships from the port of Hamburg every Tuesday and reaches Oslo two days later.",
    'When I click "Add to cart" nothing happens, and the console shows a 403 error.',
    "Add to cart the cost of the bus lanes and the total rises by a third.",
    "Rate the dough's rise: it should double in about four hours.",
    "Did you make one of these mistakes? Most beginners let the dough overproof.",
    "Our editors tested 18 watches over six months on trails and in pools.",
    "Brokers earn a commission on every sale, which is why they push new funds.",
    "Back to school shopping starts in July for most families.",
    "Back to basics",
    "Joined the company in 2019 as a junior engineer.",
    "Posts: the ones you wrote last year are archived, not deleted.",
    "Learn more about the council's plan at the library on Friday.",
    "Get started with the bus lanes by painting the markings in April.",
    "Why trust a council that has raised the fares three times?",
    "Quantity matters less than quality, the chef said.",
    "Disclaimer",
])
def test_the_same_words_as_content_stay(line: str) -> None:
    text = doc(BODY[0], line, BODY[1])
    assert declutter.clean_and_explain(text).removals == (), line


def test_a_forum_reply_that_is_short_and_informal_stays() -> None:
    thread = doc("How do I reset the router to factory settings?", "Hold the button for ten seconds.", "Like",
                 "Thanks, that worked!", "Quote", "Same here.")
    assert declutter.clean(thread) == thread


def test_forum_buttons_go_beside_other_buttons() -> None:
    text = doc(BODY[0], "Like", "Reply", BODY[1], "Quote", "Report", BODY[2])
    assert removed(text) == {"Like": "chrome.forum", "Reply": "chrome.ui", "Quote": "chrome.forum",
                             "Report": "chrome.forum"}


def test_readers_name_lines_open_the_comments_only_as_a_run() -> None:
    comments = ["Sheri says", "Lovely projects, pinned!", "Jenny says", "Featuring this tonight.",
                "Nettie Arneson says", "Which wood did you use?"]
    text = doc(PROSE, *BODY, *comments)
    result = declutter.clean_and_explain(text)
    assert result.text == doc(PROSE, *BODY)
    assert {r.reason for r in result.removals} == {"promo.comments"}
    # One or two "X says" lines are a quote, not a comment thread.
    quoted = doc(PROSE, "The mayor says", "We will build the lanes.", "Jane Roe says", "Not on my street.", BODY[0])
    assert declutter.clean(quoted) == quoted


def test_a_promo_heading_over_a_page_without_sentences_removes_only_itself() -> None:
    schedule = ["Team Schedules", "Arizona Cardinals", "Atlanta Falcons", "Baltimore Ravens", "Sunday, February 8",
                "Seattle v New England", "SEA 29, NE 13"]
    result = declutter.clean_and_explain(doc("More", *schedule))
    assert result.text == doc(*schedule)
    assert [r.reason for r in result.removals] == ["promo.heading"]


def test_the_section_still_runs_to_the_end_after_an_article() -> None:
    teasers = ["Russians Are Unraveling Before Our Eyes", "The Battle for Eurasia"]
    result = declutter.clean_and_explain(doc(*BODY, "More", *teasers))
    assert result.text == doc(*BODY)


#: Per language: (line, reason) pairs that go, and lines of content with the same words that stay.
LANGUAGE_CASES: dict[str, tuple[list[tuple[str, str]], list[str]]] = {
    "en": ([("Start a Free Trial", "chrome.cta"), ("Add to cart", "chrome.shop"),
            ("Top Posters In This Topic", "chrome.forum"), ("Advertiser Disclosure", "promo.affiliate")],
           ["Sign up for the trial, then open Settings and choose a plan."]),
    "de": ([("Jetzt kostenlos testen", "chrome.cta"), ("In den Warenkorb", "chrome.shop"),
            ("Kostenloser Versand ab 50 €", "chrome.shop"), ("Du bist nicht angemeldet.", "chrome.forum"),
            ("Beiträge: 1.077", "chrome.forum"), ("Zurück zur Übersicht", "chrome.ui"),
            ("War dieser Artikel hilfreich?", "chrome.cta"),
            ("Wir erhalten eine kleine Provision, wenn du über diese Links kaufst.", "promo.affiliate")],
           ["Der kostenlose Versand gilt nicht für Sofas, die per Spedition geliefert werden.",
            "Melden Sie sich für die Testphase an und öffnen Sie dann die Einstellungen."]),
    "fr": ([("Demandez un devis gratuit", "chrome.cta"), ("Ajouter au panier", "chrome.shop"),
            ("Livraison gratuite dès 50 €", "chrome.shop"), ("Vous n'êtes pas connecté.", "chrome.forum"),
            ("Article suivant : Le budget de la ville", "chrome.ui"),
            ("Cet article contient des liens d'affiliation.", "promo.affiliate")],
           ["La livraison gratuite ne s'applique pas aux canapés livrés par transporteur."]),
    "es": ([("Solicita una demo", "chrome.cta"), ("Añadir al carrito", "chrome.shop"),
            ("Envío gratis en pedidos superiores a 50 €", "chrome.shop"),
            ("Ya no se permiten nuevas respuestas.", "chrome.forum"),
            ("Este artículo contiene enlaces de afiliados.", "promo.affiliate")],
           ["El envío gratis no se aplica a los sofás, que se entregan por transportista."]),
    "it": ([("Richiedi un preventivo gratuito", "chrome.cta"), ("Aggiungi al carrello", "chrome.shop"),
            ("Spedizione gratuita per ordini superiori a 50 €", "chrome.shop"),
            ("Non hai effettuato l'accesso.", "chrome.forum"),
            ("Questo articolo contiene link di affiliazione.", "promo.affiliate")],
           ["La spedizione gratuita non vale per i divani, consegnati dal corriere."]),
    "pt": ([("Solicite um orçamento", "chrome.cta"), ("Adicionar ao carrinho", "chrome.shop"),
            ("Frete grátis acima de R$ 199", "chrome.shop"), ("Você não está conectado.", "chrome.forum"),
            ("Este artigo contém links de afiliados.", "promo.affiliate")],
           ["O frete grátis não vale para sofás, que são entregues por transportadora."]),
    "nl": ([("Vraag een offerte aan", "chrome.cta"), ("In winkelwagen", "chrome.shop"),
            ("Gratis verzending vanaf 50 euro", "chrome.shop"), ("Je bent niet ingelogd.", "chrome.forum"),
            ("Dit artikel bevat affiliate links.", "promo.affiliate")],
           ["Gratis verzending geldt niet voor banken, die per vrachtwagen worden bezorgd."]),
    "pl": ([("Umów bezpłatną konsultację", "chrome.cta"), ("Dodaj do koszyka", "chrome.shop"),
            ("Darmowa dostawa od 200 zł", "chrome.shop"), ("Nie jesteś zalogowany.", "chrome.forum"),
            ("Ten artykuł zawiera linki afiliacyjne.", "promo.affiliate")],
           ["Darmowa dostawa nie obejmuje sof, które dowozi firma spedycyjna."]),
}


@pytest.mark.parametrize("code", sorted(LANGUAGE_CASES))
def test_modern_clutter_in_every_language(code: str) -> None:
    goes, stays = LANGUAGE_CASES[code]
    before, after = ARTICLES[code].prose[:2] if code in ARTICLES else BODY[:2]
    for lang in (code, "auto"):
        config = Config(lang=lang)
        for line, reason in goes:
            text = doc(before, line, after)
            assert removed(text, config) == {line: reason}, (code, lang, line)
        for line in stays:
            text = doc(before, line, after)
            assert declutter.clean_and_explain(text, config).removals == (), (code, lang, line)


def test_line_reasons_name_the_kind() -> None:
    chrome, promos = chrome_patterns("en"), promo_patterns("en")
    assert chrome_reason("Add to cart", chrome) == "chrome.shop"
    assert chrome_reason("A shopper pressed Add to cart and left.", chrome) is None
    assert promo_reason("Advertiser Disclosure", promos) == "promo.affiliate"
    assert promo_reason("The advertiser disclosure rules changed in 2019.", promos) is None


@pytest.mark.parametrize(("line", "reason"), [
    ("These cookies are necessary for the website to function and cannot be switched off in our systems.",
     "chrome.cookies"),
    ("Do you mind if we use optional cookies to provide you personalized content and to analyze site traffic?",
     "chrome.cookies"),
    ("iFixit uses cookies to enhance site functionality, analyze traffic, and more.", "chrome.cookies"),
    ("Store and/or access information on a device", "chrome.cookies"),
    ("Re:What could go wrong? (Score:5, Insightful)", "chrome.forum"),
    ("Last edited by lowjhg; Feb 19, 2026 at 11:35 pm", "chrome.forum"),
    ("Seller 99.4% positive", "chrome.shop"), ("1–30 of 154 products", "chrome.shop"),
    ("Oops! Looks like we're having trouble connecting to our server.", "chrome.ui"),
])
def test_consent_forum_and_marketplace_variants(line: str, reason: str) -> None:
    assert removed(doc(BODY[0], line, BODY[1])) == {line: reason}


@pytest.mark.parametrize("line", [
    "These cookies are chewy and soft, made with brown butter and sea salt.",
    "Grandma uses cookies as bribes for the grandchildren.",
    "The critics gave it a (Score: 5) out of ten.",
    "Last edited in 1998, the dictionary is still the standard reference.",
])
def test_consent_and_forum_words_as_content_stay(line: str) -> None:
    text = doc(BODY[0], line, BODY[1])
    assert declutter.clean_and_explain(text).removals == (), line


@pytest.mark.parametrize(("line", "reason"), [
    ("Subscribe to get the latest posts sent to your email.", "promo.line"),
    ("For daily wit & wisdom, sign up for the Almanac newsletter.", "promo.line"),
    ("Love Tech World With Milan Newsletter? Tell your friends and get rewards.", "promo.line"),
    ("Stay up to date on industry news and trends, product announcements and the latest innovations.",
     "promo.line"),
    ("You might also like: The Challenges of Sustainable Palm Oil", "promo.inline"),
    ("This story is funded by readers like you", "chrome.cta"),
    ("SPRING SALE: Save up to 20% on fresh sound. SHOP.", "chrome.cta"),
])
def test_newsletter_and_reader_funding_prompts(line: str, reason: str) -> None:
    assert removed(doc(BODY[0], line, BODY[1])) == {line: reason}


@pytest.mark.parametrize("line", [
    "Stay up to date on vaccinations, including the flu shot.",
    "She decided to sign up for the newsletter after the scandal broke, she told police.",
    "Support the roof beams with two steel posts before you pour the deck.",
    "Scammers send fake offers to your inbox every week.",
])
def test_prompt_words_as_content_stay(line: str) -> None:
    text = doc(BODY[0], line, BODY[1])
    assert declutter.clean_and_explain(text).removals == (), line


def test_quoted_posts_of_a_forum_thread_are_not_comments() -> None:
    # XenForo heads each quoted post with "Name said:"; in a thread the replies are the content.
    thread = [PROSE, "boobaloobie said:", "NIH - 7/18", "Found a spreadsheet with the dates, thanks.",
              "pnomes said:", "That's great.", "Same timeline here, waiting on the second round.",
              "fieldterrain922 said:", "Any news?", "Still nothing from my school, will post when I hear back."]
    text = doc(*thread)
    assert declutter.clean(text) == text


def test_read_more_under_a_cut_description_is_a_link() -> None:
    # "Read more." ends like a sentence: the link under a description cut short, not a section heading.
    specs = ["Product description", "Specs:", "Weight: 13 oz (369 g)", "Two zippered handwarmer pockets"]
    text = doc("Engineered as a weather-resistant, lightweight and packable insulation layer for climbers, the jacket",
               "Read more.", *specs)
    result = declutter.clean_and_explain(text)
    assert [r.text for r in result.removals] == ["Read more."]


def test_read_more_under_each_card_labels_the_cards() -> None:
    cards = []
    for n in range(5):
        cards += [f"Tutoring study number {n} on maths outcomes", "National Student Support Accelerator", "Read More"]
    text = doc(PROSE, "Additional Resources", "Why it Works: High-Impact Tutoring", "Read More", *cards)
    result = declutter.clean_and_explain(text)
    assert {r.text for r in result.removals} == {"Read More"}
    assert "Tutoring study number 4 on maths outcomes" in result.text


def test_an_faq_answer_that_ends_with_a_photo_credit_is_not_a_caption() -> None:
    faq = ("- How do I charge when I am traveling long distances? Most EV charging takes place at home. If you are "
           "taking a longer trip, you will benefit from one of the public fast-charging stations. More are being "
           "built near highways. Photo: Ben Hasty/Getty Images")
    text = doc(BODY[0], faq, BODY[1])
    assert declutter.clean(text) == text


#: A page's notice that it needs JavaScript, per language (the line trafilatura keeps from a script-only app's
#: ``<noscript>``), and the same words in a tutorial's or an article's sentence.
JAVASCRIPT_NOTICES: dict[str, tuple[list[str], list[str]]] = {
    "en": (["You need to enable JavaScript to run this app.",
            "Please enable JavaScript to view the comments powered by Disqus.",
            "Please note that Javascript is turned off in your web browser. To use this site, you must turn it on "
            "and then refresh the page."],
           ["Enable JavaScript to run the example below, then open the console.",
            "If JavaScript is disabled in your browser, the form still posts to the server.",
            "You need to enable JavaScript source maps to debug the bundle."]),
    "de": (["Bitte aktivieren Sie JavaScript, um diese Seite zu nutzen.",
            "JavaScript ist in Ihrem Browser deaktiviert."],
           ["Sie müssen JavaScript lernen, um moderne Webseiten zu bauen."]),
    "fr": (["Veuillez activer JavaScript pour utiliser ce site.", "JavaScript est désactivé dans votre navigateur."],
           ["Il faut activer JavaScript pour tester les exemples du chapitre trois."]),
    "es": (["Habilita JavaScript para ver este sitio.", "JavaScript está desactivado en tu navegador."],
           ["Activa JavaScript para probar el ejemplo del capítulo tres."]),
    "it": (["Abilita JavaScript per visualizzare questo sito.", "JavaScript è disabilitato nel tuo browser."],
           ["Attiva JavaScript per provare l'esempio del capitolo tre."]),
    "nl": (["Schakel JavaScript in om deze website te gebruiken.", "JavaScript is uitgeschakeld in je browser."],
           ["Schakel JavaScript in om het voorbeeld van hoofdstuk drie te proberen."]),
    "pl": (["Włącz JavaScript, aby korzystać z tej strony.", "JavaScript jest wyłączony w twojej przeglądarce."],
           ["Włącz JavaScript, aby przetestować przykład z rozdziału trzeciego."]),
    "pt": (["Ative o JavaScript para usar este site.", "O JavaScript está desativado no seu navegador."],
           ["Ative o JavaScript para testar o exemplo do capítulo três."]),
}


@pytest.mark.parametrize("code", sorted(JAVASCRIPT_NOTICES))
def test_a_javascript_notice_goes_and_a_sentence_about_javascript_stays(code: str) -> None:
    goes, stays = JAVASCRIPT_NOTICES[code]
    before, after = ARTICLES[code].prose[:2] if code in ARTICLES else BODY[:2]
    config = Config(lang=code)
    for line in goes:
        assert removed(doc(before, line, after), config) == {line: "chrome.ui"}, (code, line)
    for line in stays:
        assert declutter.clean_and_explain(doc(before, line, after), config).removals == (), (code, line)


def test_a_page_that_is_only_a_javascript_notice_comes_back_empty() -> None:
    # A script-only app leaves no text but its notice: nothing of it is content.
    assert declutter.clean("You need to enable JavaScript to run this app.\n").strip() == ""
