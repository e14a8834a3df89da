"""Each kind of today's clutter, in every language it is written for: the clutter line goes alone, with its
reason, and a line of content with the same words stays (the traps: a guide that says "sign up", a product
spec that mentions shipping, a news story about prices or sponsors, a forum post that quotes a button)."""

from __future__ import annotations

import pytest

import declutter
from declutter import Config
from tests.articles import BODY
from tests.test_languages import ARTICLES

#: kind -> language -> (lines that go, with their reason; lines of content with the same words, which stay).
Cases = dict[str, dict[str, tuple[list[tuple[str, str]], list[str]]]]

KINDS: Cases = {
    # Sign-up walls and a bare contact button.
    "sign-up wall": {
        "en": ([("Join Medium for free to get updates from this writer.", "chrome.cta"),
                ("Register for free site membership to access direct university comparisons and more", "chrome.cta"),
                ("Use the form on the right to contact us.", "chrome.cta"), ("Contact us", "chrome.cta")],
               ["Sign up for the trial, then open Settings and choose the plan that fits your team.",
                "Students who register for free tutoring get access to the library after six weeks, the study found.",
                "If the form fails, contact us by phone and we will send the permit by post."]),
        "de": ([("Kostenlos registrieren, um alle Ergebnisse zu sehen", "chrome.cta"),
                ("Nehmen Sie jetzt Kontakt mit uns auf", "chrome.cta")],
               ["Wer sich kostenlos registriert, bekommt laut Studie nach sechs Wochen Zugang zur Bibliothek."]),
        "fr": ([("Inscrivez-vous gratuitement pour accéder à tous les résultats", "chrome.cta"),
                ("Contactez-nous", "chrome.cta")],
               ["Les élèves qui s'inscrivent gratuitement obtiennent l'accès à la bibliothèque après six semaines."]),
        "es": ([("Regístrate gratis para acceder a todos los resultados", "chrome.cta"),
                ("Contáctanos", "chrome.cta")],
               ["Los alumnos que se registran gratis acceden a la biblioteca tras seis semanas, según el estudio."]),
        "it": ([("Registrati gratis per accedere a tutti i risultati", "chrome.cta"), ("Contattaci", "chrome.cta")],
               ["Gli studenti che si registrano gratis accedono alla biblioteca dopo sei settimane, dice lo studio."]),
        "pt": ([("Cadastre-se grátis para acessar todos os resultados", "chrome.cta"),
                ("Fale conosco", "chrome.cta")],
               ["Os alunos que se cadastram grátis acessam a biblioteca depois de seis semanas, diz o estudo."]),
        "nl": ([("Registreer gratis om alle resultaten te bekijken", "chrome.cta"),
                ("Neem contact met ons op", "chrome.cta")],
               ["Leerlingen die zich gratis registreren, krijgen na zes weken toegang tot de bibliotheek."]),
        "pl": ([("Zarejestruj się za darmo, aby uzyskać dostęp do wyników", "chrome.cta"),
                ("Skontaktuj się z nami", "chrome.cta")],
               ["Uczniowie, którzy zarejestrują się za darmo, po sześciu tygodniach dostają dostęp do biblioteki."]),
    },
    # A pitch that ends with a sales button; a discount that opens a sentence; a row of buttons.
    "banner": {
        "en": ([("Stop Searching & Start Winning. Talk To Our Social Media Marketing Experts", "chrome.cta"),
                ("Begin learning a new language with Babbel! 🌟 Unlock up to 55% OFF your Babbel subscription today!",
                 "chrome.cta"),
                ("Members earn $20 reward for every $300 spent. Join Our Collectors Program Today.", "chrome.cta"),
                ("Get it on Hugging Face Get it on Kaggle Access it on Vertex", "chrome.cta"),
                ("Experience Netsmartz for 40 hours - No Cost, No Obligation.", "chrome.cta")],
               ["Shoppers can get up to 50% off at the outlet this weekend, the retailers' association said.",
                "Bigin is a CRM built for small businesses. Learn more about its pipelines in the next section.",
                "We talked to our experts about the bridge. They said the steel will last another fifty years."]),
        "de": ([("Unsere Software spart Zeit. Sprechen Sie mit unseren Experten", "chrome.cta"),
                ("Sichern Sie sich bis zu 30 % Rabatt auf Ihr Abo!", "chrome.cta")],
               ["Kunden können laut Verband am Wochenende bis zu 30 % Rabatt bekommen."]),
        "fr": ([("Notre logiciel fait gagner du temps. Parlez à nos experts", "chrome.cta"),
                ("Profitez de jusqu'à 30 % de réduction sur votre abonnement !", "chrome.cta")],
               ["Selon la fédération, les clients peuvent obtenir jusqu'à 30 % de réduction ce week-end."]),
        "es": ([("Nuestro software ahorra tiempo. Habla con nuestros expertos", "chrome.cta"),
                ("Ahorra hasta un 30% de descuento en tu suscripción", "chrome.cta")],
               ["Según la asociación, los clientes pueden ahorrar hasta un 30% este fin de semana."]),
        "it": ([("Il nostro software fa risparmiare tempo. Parla con i nostri esperti", "chrome.cta"),
                ("Risparmia fino al 30% di sconto sul tuo abbonamento!", "chrome.cta")],
               ["Secondo l'associazione, i clienti possono ottenere fino al 30% di sconto questo fine settimana."]),
        "pt": ([("Nosso software economiza tempo. Fale com nossos especialistas", "chrome.cta"),
                ("Economize até 30% de desconto na sua assinatura!", "chrome.cta")],
               ["Segundo a associação, os clientes podem ter até 30% de desconto neste fim de semana."]),
        "nl": ([("Onze software bespaart tijd. Praat met onze experts", "chrome.cta"),
                ("Bespaar tot 30% korting op je abonnement!", "chrome.cta")],
               ["Volgens de branchevereniging krijgen klanten dit weekend tot 30% korting."]),
        "pl": ([("Nasze oprogramowanie oszczędza czas. Porozmawiaj z naszymi ekspertami", "chrome.cta"),
                ("Zaoszczędź do 30% rabatu na subskrypcji!", "chrome.cta")],
               ["Według stowarzyszenia klienci mogą w ten weekend dostać do 30% rabatu."]),
    },
    # Shop chrome: review headings, price-match and payment notes, perks, shipping pointers, a price and its button.
    "shop notes": {
        "en": ([("Customer reviews", "chrome.shop"), ("$130 Add to cart", "chrome.shop"),
                ("$117 every 3 months Sign Up Now", "chrome.shop"),
                ("Found a lower price? Let us know.", "chrome.shop"),
                ("Your payment information is processed securely.", "chrome.shop"),
                ("Earn Rewards. Free Shipping. Exclusive Access.", "chrome.shop"),
                ("Free standard shipping on orders $60 CAD+. For more information on shipping rates and timelines, "
                 "please visit our international page", "chrome.shop"),
                ("Warehouse Transition: Ships by March 10th", "chrome.shop"),
                ("Shop Online | Pick-up In Store", "chrome.shop")],
               ["The sofa ships by freight in two boxes; free shipping does not apply to it.",
                'When I click "Add to cart" after the price of $130 appears, nothing happens.',
                "Customer reviews of the jacket praise its warmth but say the zip breaks within a year."]),
        "de": ([("Kundenbewertungen", "chrome.shop"), ("Günstiger gesehen? Sagen Sie es uns.", "chrome.shop"),
                ("Weitere Informationen zu Versandkosten finden Sie hier", "chrome.shop")],
               ["Kundenbewertungen loben die Jacke, bemängeln aber den Reißverschluss."]),
        "fr": ([("Avis clients", "chrome.shop"), ("Vous avez trouvé moins cher ? Dites-le-nous.", "chrome.shop"),
                ("Pour plus d'informations sur la livraison, consultez notre page", "chrome.shop")],
               ["Les avis clients saluent la veste mais critiquent la fermeture éclair."]),
        "es": ([("Opiniones de clientes", "chrome.shop"),
                ("Para más información sobre envíos, visita nuestra página", "chrome.shop")],
               ["Las opiniones de clientes elogian la chaqueta pero critican la cremallera."]),
        "it": ([("Recensioni clienti", "chrome.shop"),
                ("Per maggiori informazioni sulle spedizioni visita la nostra pagina", "chrome.shop")],
               ["Le recensioni dei clienti lodano la giacca ma criticano la cerniera."]),
        "pt": ([("Avaliações de clientes", "chrome.shop"),
                ("Para mais informações sobre frete, visite nossa página", "chrome.shop")],
               ["As avaliações de clientes elogiam a jaqueta, mas criticam o zíper."]),
        "nl": ([("Klantbeoordelingen", "chrome.shop"),
                ("Voor meer informatie over verzending, zie onze pagina", "chrome.shop")],
               ["Klantbeoordelingen prijzen de jas, maar klagen over de rits."]),
        "pl": ([("Opinie klientów", "chrome.shop"),
                ("Więcej informacji o wysyłce znajdziesz na naszej stronie", "chrome.shop")],
               ["Opinie klientów chwalą kurtkę, ale krytykują zamek błyskawiczny."]),
    },
    # Price and investment notes of affiliate and finance pages.
    "price notes": {
        "en": ([("Prices are accurate at the time of publication.", "promo.affiliate"),
                ("Regional availability and other factors may cause product pricing to vary or retailers to return "
                 "variants at a given link. Double check product details before purchasing.", "promo.affiliate"),
                ("· NOT FDIC INSURED · NOT BANK GUARANTEED · MAY LOSE VALUE", "promo.affiliate")],
               ["Prices rose at the time of the harvest, and growers blamed the drought.",
                "The fund is not FDIC insured, a fact its brochure buries on page nine, regulators said."]),
        "de": ([("Alle Preise sind zum Zeitpunkt der Veröffentlichung aktuell.", "promo.affiliate")],
               ["Die Preise stiegen zum Zeitpunkt der Ernte, klagten die Bauern."]),
        "fr": ([("Les prix sont corrects au moment de la publication.", "promo.affiliate")],
               ["Les prix ont augmenté au moment de la récolte, selon les producteurs."]),
        "es": ([("Los precios son correctos en el momento de la publicación.", "promo.affiliate")],
               ["Los precios subieron en el momento de la cosecha, según los productores."]),
        "it": ([("I prezzi sono aggiornati al momento della pubblicazione.", "promo.affiliate")],
               ["I prezzi sono saliti al momento del raccolto, dicono i produttori."]),
        "pt": ([("Os preços estão corretos no momento da publicação.", "promo.affiliate")],
               ["Os preços subiram no momento da colheita, dizem os produtores."]),
        "nl": ([("Prijzen zijn correct op het moment van publicatie.", "promo.affiliate")],
               ["De prijzen stegen op het moment van de oogst, zeggen de telers."]),
        "pl": ([("Ceny są aktualne w momencie publikacji.", "promo.affiliate")],
               ["Ceny wzrosły w momencie zbiorów, twierdzą rolnicy."]),
    },
    # Sponsor labels alone on a line (a logo follows them on the page).
    "sponsor label": {
        "en": ([("In partnership with", "promo.line"), ("Proudly supporting", "promo.line"),
                ("Sponsored by Acme Tools", "promo.line")],
               ["The certificate was created by the alliance in partnership with the journalism school.",
                "Presented by the mayor on Monday, the plan won the council's vote."]),
        "de": ([("In Zusammenarbeit mit", "promo.line"), ("Präsentiert von", "promo.line")],
               ["Das Zertifikat entstand in Zusammenarbeit mit der Journalistenschule."]),
        "fr": ([("En partenariat avec", "promo.line"), ("Présenté par", "promo.line")],
               ["Le certificat a été créé en partenariat avec l'école de journalisme."]),
        "es": ([("En colaboración con", "promo.line"), ("Patrocinado por", "promo.line")],
               ["El certificado se creó en colaboración con la escuela de periodismo."]),
        "it": ([("In collaborazione con", "promo.line"), ("Sponsorizzato da", "promo.line")],
               ["Il certificato è nato in collaborazione con la scuola di giornalismo."]),
        "pt": ([("Em parceria com", "promo.line"), ("Patrocinado por", "promo.line")],
               ["O certificado foi criado em parceria com a escola de jornalismo."]),
        "nl": ([("In samenwerking met", "promo.line"), ("Gesponsord door", "promo.line")],
               ["Het certificaat is in samenwerking met de school voor journalistiek gemaakt."]),
        "pl": ([("We współpracy z", "promo.line"), ("Sponsorowane przez", "promo.line")],
               ["Certyfikat powstał we współpracy ze szkołą dziennikarstwa."]),
    },
    # Newsletter and social prompts after a lead-in, "be the first to know".
    "newsletter and social": {
        "en": ([("Want more from NBC Select? Sign up for our newsletter, The Selection, and shop smarter.",
                 "promo.line"),
                ("So you can be the first to know about our next inbound shipment of free weights", "promo.line"),
                ("Security insights & offers right into your inbox", "promo.line"),
                ("Catch up on our coverage of tech and tools, and follow us on Facebook, Instagram and TikTok to stay "
                 "up to date.", "promo.line")],
               ["She wanted to be the first to know, so she called the harbour office at dawn.",
                "Phishing emails land straight in your inbox, the police warned."]),
        "de": ([("Nichts mehr verpassen? Abonnieren Sie unseren Newsletter", "promo.line"),
                ("Für mehr Tipps aus der Küche folgen Sie uns auf Instagram", "promo.line")],
               ["Der Bürgermeister las den Newsletter der Partei erst am Abend."]),
        "fr": ([("Envie d'en savoir plus ? Inscrivez-vous à notre newsletter", "promo.line"),
                ("Pour plus d'astuces, suivez-nous sur Instagram", "promo.line")],
               ["Le maire n'a lu la newsletter du parti que le soir."]),
        "es": ([("¿Quieres más? Suscríbete a nuestro boletín semanal", "promo.line"),
                ("Para más ideas, síguenos en Instagram", "promo.line")],
               ["El alcalde leyó el boletín del partido por la noche."]),
        "it": ([("Vuoi saperne di più? Iscriviti alla nostra newsletter", "promo.line"),
                ("Per altre idee seguici su Instagram", "promo.line")],
               ["Il sindaco ha letto la newsletter del partito solo la sera."]),
        "pt": ([("Quer mais? Assine a nossa newsletter semanal", "promo.line"),
                ("Para mais dicas, siga-nos no Instagram", "promo.line")],
               ["O prefeito leu a newsletter do partido só à noite."]),
        "nl": ([("Meer lezen? Schrijf je in voor onze nieuwsbrief", "promo.line"),
                ("Voor meer tips uit de keuken volg ons op Instagram", "promo.line")],
               ["De burgemeester las de nieuwsbrief van de partij pas 's avonds."]),
        "pl": ([("Chcesz więcej? Zapisz się do naszego newslettera", "promo.line"),
                ("Po więcej porad obserwuj nas na Instagramie", "promo.line")],
               ["Burmistrz przeczytał newsletter partii dopiero wieczorem."]),
    },
    # The consent text of a lead form.
    "consent": {
        "en": ([("Terms of submitting this form: I agree that Bryan University may contact me regarding educational "
                 "services via email, telephone or SMS text message. Message and data rates may apply.",
                 "chrome.cookies"),
                ("By providing my email, l am consenting to receive Bombas emails and Email-Based Advertising.",
                 "promo.line")],
               ["I agree that the council may have to contact me again, the witness told the court."]),
        "de": ([("Ich bin damit einverstanden, dass die Firma mich per E-Mail kontaktiert.", "chrome.cookies")],
               ["Ich bin damit einverstanden, dass der Rat noch einmal abstimmt, sagte die Zeugin."]),
        "fr": ([("J'accepte que l'université me contacte par e-mail ou par téléphone.", "chrome.cookies")],
               ["J'accepte que le conseil vote une seconde fois, a déclaré le témoin."]),
        "es": ([("Acepto que la universidad me contacte por correo electrónico o teléfono.", "chrome.cookies")],
               ["Acepto que el consejo vote otra vez, dijo la testigo."]),
        "it": ([("Acconsento a essere contattato via e-mail o telefono.", "chrome.cookies")],
               ["Il testimone ha detto che accetta che il consiglio voti di nuovo."]),
        "pt": ([("Concordo em ser contatado por e-mail ou telefone.", "chrome.cookies")],
               ["A testemunha disse que concorda com uma nova votação do conselho."]),
        "nl": ([("Ik geef toestemming dat de universiteit contact met mij opneemt.", "chrome.cookies")],
               ["De getuige zei dat ze toestemming gaf voor een nieuwe stemming."]),
        "pl": ([("Wyrażam zgodę na kontakt telefoniczny i mailowy.", "chrome.cookies")],
               ["Świadek powiedział, że wyraża zgodę na ponowne głosowanie rady."]),
    },
    # Forum labels alone, and a "likes this" line under a post's stamp.
    "forum labels": {
        "en": ([("Join Date", "chrome.forum"), ("#1AjayJunkies, May 11, 2024 IPMargoFarrel likes this.",
                                                "chrome.forum")],
               ["Join date for the new members is the first Monday of March."]),
        "de": ([("Mitglied seit", "chrome.forum")], ["Mitglied seit 1998, trat er 2020 aus der Partei aus."]),
        "fr": ([("Membre depuis", "chrome.forum")], ["Membre depuis 1998, il a quitté le parti en 2020."]),
        "es": ([("Miembro desde", "chrome.forum")], ["Miembro desde 1998, dejó el partido en 2020."]),
        "it": ([("Membro dal", "chrome.forum")], ["Membro dal 1998, ha lasciato il partito nel 2020."]),
        "pt": ([("Membro desde", "chrome.forum")], ["Membro desde 1998, deixou o partido em 2020."]),
        "nl": ([("Lid sinds", "chrome.forum")], ["Lid sinds 1998, verliet hij de partij in 2020."]),
        "pl": ([("Data rejestracji", "chrome.forum")], ["Data rejestracji partii przypadła na 1998 rok."]),
    },
    # Post furniture of English pages: reprint notices, reading times as list items, search suggestions.
    "post furniture": {
        "en": ([("NOTE: The above is an excerpt from Achieving Your Pinnacle, by Tom Miller, Copyright 2013. It is "
                 "reprinted here with permission.", "byline.credits"),
                ("- 11 min read", "byline.reading_time"), ("Trending Searches", "chrome.ui")],
               ["The above is an excerpt from the minutes, which the clerk read aloud before the vote.",
                "Trending searches for flu symptoms doubled in January, the health agency said."]),
    },
}

CASES = [(kind, code) for kind, languages in KINDS.items() for code in languages]


def doc(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def removed(text: str, config: Config) -> dict[str, str]:
    return {r.text.strip(): r.reason for r in declutter.clean_and_explain(text, config).removals}


def _frame(code: str) -> tuple[str, str]:
    before, after = ARTICLES[code].prose[:2] if code in ARTICLES else BODY[:2]
    return before, after


@pytest.mark.parametrize(("kind", "code"), CASES)
def test_clutter_goes_alone_with_its_reason(kind: str, code: str) -> None:
    before, after = _frame(code)
    for line, reason in KINDS[kind][code][0]:
        text = doc(before, line, after)
        assert removed(text, Config(lang=code)) == {line: reason}, (kind, code, line)
        assert declutter.clean(text, Config(lang=code)) == doc(before, after)


@pytest.mark.parametrize(("kind", "code"), CASES)
def test_the_same_words_as_content_stay(kind: str, code: str) -> None:
    before, after = _frame(code)
    for line in KINDS[kind][code][1]:
        text = doc(before, line, after)
        assert declutter.clean_and_explain(text, Config(lang=code)).removals == (), (kind, code, line)


def test_every_kind_but_english_furniture_covers_all_eight_languages() -> None:
    for kind, languages in KINDS.items():
        if kind != "post furniture":
            assert sorted(languages) == ["de", "en", "es", "fr", "it", "nl", "pl", "pt"], kind


def test_a_forum_post_that_quotes_a_button_stays() -> None:
    post = ('I pressed "Add to cart" and "Sign up now" but the page just reloads. Any ideas? '
            "Customer reviews mention the same bug.")
    text = doc(BODY[0], post, BODY[1])
    assert declutter.clean_and_explain(text).removals == ()
