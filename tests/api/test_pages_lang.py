"""The web pages in Swedish (``?lang=sv``, which the navigation's links carry, or ``Accept-Language: sv``):
the navigation, headings, buttons, form labels, table headings and notices of every page say their words
from ``lang/sv/web.json``, and the page is marked ``<html lang="sv">``.

A user's finding (a Swedish recruiter): every page but the job page and the market report was English only
("Sign in", "Rank candidates", "Stored candidates", "Retention")."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from importlib import resources

import pytest
from fastapi.testclient import TestClient

from kompetens.engine import Engine

from .support import Elements, csrf, signed_in_site

PASSWORD = "a long enough password"
TEMPLATES = resources.files("kompetens.api").joinpath("templates")
WORDS = json.loads(resources.files("kompetens.lang").joinpath("sv", "web.json").read_text(encoding="utf-8"))
CV = "Erfarenhet\n2019 - nu Social media-ansvarig, Exempelbolaget AB\nInstagram, LinkedIn och SEO.\n"
AD = "Kommunikatör till Exempelbolaget AB\n\nDu ansvarar för vår Instagram och svarar på kunders frågor.\n"

# words of the pages' own English that Swedish never writes: any of them in a heading, button or label of a
# Swedish page is a text left untranslated
ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "for",
        "to",
        "your",
        "with",
        "by",
        "from",
        "this",
        "that",
        "these",
        "which",
        "what",
        "who",
        "when",
        "why",
        "how",
        "is",
        "are",
        "be",
        "not",
        "no",
        "one",
        "sign",
        "rank",
        "ranking",
        "rankings",
        "store",
        "stored",
        "delete",
        "review",
        "save",
        "find",
        "search",
        "show",
        "remove",
        "erase",
        "confirm",
        "add",
        "change",
        "issue",
        "revoke",
        "measure",
        "set",
        "link",
        "download",
        "edit",
        "skip",
        "main",
        "home",
        "candidates",
        "candidate",
        "roles",
        "users",
        "user",
        "tokens",
        "token",
        "retention",
        "market",
        "areas",
        "events",
        "event",
        "evidence",
        "gaps",
        "skills",
        "score",
        "weight",
        "weights",
        "title",
        "language",
        "file",
        "files",
        "name",
        "password",
        "email",
        "explanation",
        "interview",
        "kit",
        "optional",
    ]
)
CHECKED = ("h1", "h2", "h3", "button", "label", "caption", "summary", "legend", "title", "option")
"""The elements whose text is the page's own: headings, buttons, form labels, captions (``th`` too, in a
``thead``; a row's ``th`` holds data: a name, a title)."""


class Texts(HTMLParser):
    """The text of each checked element, and of the navigation's links and a table head's cells."""

    def __init__(self, html: str, checked: tuple[str, ...] = CHECKED) -> None:
        super().__init__()
        self.checked = checked
        self.lang: str | None = None
        self.found: list[tuple[str, str]] = []
        self.open: list[tuple[str, list[str]]] = []
        self.where: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in ("nav", "thead", "footer", "code"):
            self.where.append(tag)
        own = dict(attrs).get("lang")
        # an English twin marked as such, or a flag rule's cited source (a law, a study, a guide: in the
        # language it was published in)
        cited = "source" in (dict(attrs).get("class") or "").split()
        if (own not in (None, "sv") or cited) and tag not in ("html",):
            self.open.append(("#other", []))
            self._other = tag
            return
        if (
            tag in self.checked
            or (tag == "a" and "nav" in self.where)
            or (tag == "th" and "thead" in self.where)
        ):
            self.open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("nav", "thead", "footer", "code") and tag in self.where:
            self.where.remove(tag)
        if self.open and (self.open[-1][0] == tag or (self.open[-1][0] == "#other" and tag == self._other)):
            name, parts = self.open.pop()
            if name != "#other":
                self.found.append((name, " ".join("".join(parts).split())))

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1][0] != "#other" and "code" not in self.where:
            self.open[-1][1].append(data)


def _english(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH]


def _untranslated(html: str) -> list[tuple[str, str]]:
    return [(tag, text) for tag, text in Texts(html).found if _english(text)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, dict[str, str]]:
    """A signed-in admin's browser over an organisation holding a candidate, an ad, a role and a ranking;
    the paths of every page to read."""
    return signed_in_site(Engine(tmp_path_factory.mktemp("sv-pages")), cv=CV, ad=AD, password=PASSWORD)


PAGES = [
    "home",
    "review",
    "rank",
    "candidates",
    "candidate",
    "erase",
    "ads",
    "ad",
    "roles",
    "role",
    "rankings",
    "ranking",
    "market",
    "areas",
    "link",
    "retention",
    "users",
    "events",
]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_speaks_swedish_when_asked(site: tuple[TestClient, dict[str, str]], name: str) -> None:
    client, paths = site
    answer = client.get(paths[name], params={"lang": "sv"})
    assert answer.status_code == 200, (name, answer.status_code)
    texts = Texts(answer.text)
    assert texts.lang == "sv", name
    assert texts.found, name
    assert not _untranslated(answer.text), (name, _untranslated(answer.text))
    # the same page in English is English (the test can fail: it finds English words where they are)
    english = client.get(paths[name], params={"lang": "en"})
    assert Texts(english.text).lang == "en" and _untranslated(english.text), name


def _paragraphs(html: str) -> list[str]:
    """The text of each paragraph outside a part marked as another language (an area's English description
    beside its Swedish one) and outside ``code``; a label or a link inside a paragraph is read with it."""
    return [text for tag, text in Texts(html, ("p",)).found if tag == "p" and text]


@pytest.mark.parametrize("name", PAGES)
def test_every_paragraph_of_a_page_speaks_swedish_when_asked(
    site: tuple[TestClient, dict[str, str]], name: str
) -> None:
    """The leads, help texts, cards and notes of a page: a user's finding after the headings and buttons
    were Swedish ("the longer texts are still English")."""
    client, paths = site
    swedish = _paragraphs(client.get(paths[name], params={"lang": "sv"}).text)
    english = _paragraphs(client.get(paths[name], params={"lang": "en"}).text)
    assert swedish and english, name
    left = [text for text in swedish if _english(text)]
    assert not left, (name, left)
    # each English paragraph of the English page is another text in the Swedish one (the test can fail: the
    # English page holds paragraphs with English words)
    said = [text for text in english if _english(text)]
    assert said, name
    assert not set(said) & set(swedish), name


@pytest.mark.parametrize("name", PAGES)
def test_every_list_item_and_link_of_a_page_speaks_swedish_when_asked(
    site: tuple[TestClient, dict[str, str]], name: str
) -> None:
    """A candidate's actions ("Export everything held", "Erase the candidate (asks first)"), the table's links
    ("Explanation", "Erase") and the forms' "Cancel"."""
    client, paths = site
    found = Texts(client.get(paths[name], params={"lang": "sv"}).text, ("li", "a")).found
    ids = re.compile(r"[0-9a-f-]+")  # an ESCO concept's uuid, shortened ("744add42-681")
    left = [text for tag, text in found if tag in ("li", "a") and _english(text) and not ids.fullmatch(text)]
    assert not left, (name, left)


# words of the pages' own English data (a ranking's status, a concept's kind) that Swedish never writes
DATA_WORDS = frozenset(
    ["final", "proposal", "skill", "activity", "tool", "platform", "admin", "recruiter", "hiring", "manager"]
)


@pytest.mark.parametrize("name", PAGES)
def test_every_table_cell_of_a_page_speaks_swedish_when_asked(
    site: tuple[TestClient, dict[str, str]], name: str
) -> None:
    """A copy-editor's finding (hT): the rankings table said "proposal: to confirm" and the areas page's
    column Typ "skill", "activity", "tool" and the users page "admin", "recruiter", "hiring manager" on a Swedish page. A cell marked as another language (an English
    label) is left out."""
    client, paths = site
    found = Texts(client.get(paths[name], params={"lang": "sv"}).text, ("td", "option")).found
    # e-mail addresses, ids (an ESCO uuid "be20d05c-f6b", a JobTech id) and event names ("call.rankings.get")
    ids = re.compile(r"\S*@\S*|\S*\d\S*|\w+(?:\.\w+)+")
    texts = [ids.sub(" ", t) for _, t in found]
    left = [t for t in texts if _english(t) or DATA_WORDS & {w.lower() for w in re.findall(r"[A-Za-z]+", t)}]
    assert not left, (name, left)


def test_the_areas_page_describes_each_area_in_the_page_language(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    client, paths = site
    engine = client.app_for_tests.state.engine  # type: ignore[attr-defined]
    first = engine.area_details()[0]
    swedish = client.get(paths["areas"], params={"lang": "sv"}).text
    english = client.get(paths["areas"], params={"lang": "en"}).text
    assert first.description_sv in _paragraphs(swedish) and first.description not in _paragraphs(swedish)
    assert first.description in _paragraphs(english) and first.description_sv in _paragraphs(english)
    # the other language's description stays beside, marked as that language
    assert '<p class="sv-text" lang="en">' in swedish and '<p class="sv-text" lang="sv">' in english
    assert '<p class="sv-text" lang="sv">' not in swedish


def test_the_navigation_carries_the_choice_and_the_browser_language_is_followed(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    client, paths = site
    home = client.get("/", params={"lang": "sv"}).text
    assert f'href="{paths["rankings"]}?lang=sv"' in home  # the next page speaks it too
    assert Texts(client.get(paths["rankings"]).text).lang == "en"  # no choice kept beyond the links
    swedish = client.get(paths["candidates"], headers={"Accept-Language": "sv-SE,sv;q=0.9,en;q=0.5"})
    assert Texts(swedish.text).lang == "sv" and "Sparade kandidater" in swedish.text
    assert f'href="{paths["rankings"]}"' in swedish.text  # the browser's language needs no query
    assert "Logga ut" in swedish.text and ">Svenska<" not in swedish.text and ">English<" in swedish.text


def test_a_rankings_links_to_explanations_and_kits_carry_the_chosen_language(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    """A user's finding (hunt hR, 7b): on ``/rankings/ID?lang=sv`` the links to a candidate's explanation and
    interview kit carried no ``lang``, so those pages' navigation and ``<html lang>`` were English."""
    client, paths = site
    ranking = client.get(paths["ranking"], params={"lang": "sv"}).text
    links = re.findall(r'href="([^"]*/(?:explanation|interview)[^"]*)"', ranking)
    assert len(links) == 2, links
    for link in links:
        assert "lang=sv" in link, link
        answer = client.get(link.replace("&amp;", "&"))
        assert answer.status_code == 200, link
        assert Texts(answer.text).lang == "sv", link
    # with no choice made, the links carry none (the kit in the CV's language, the browser's pages)
    plain = client.get(paths["ranking"]).text
    assert not [
        x for x in re.findall(r'href="([^"]*/(?:explanation|interview)[^"]*)"', plain) if "lang=" in x
    ]


def test_switching_language_keeps_the_pages_query(site: tuple[TestClient, dict[str, str]]) -> None:
    """The footer's link to the other language keeps the page's search and page number (it linked to a bare
    ``?lang=``, which dropped them: a user switching language lost the list she was looking at)."""
    client, paths = site
    page = client.get(
        paths["candidates"], params={"q": "cv & co", "page": "2", "lang": "en", "done": "x"}
    ).text
    assert 'href="?q=cv+%26+co&amp;page=2&amp;lang=sv" hreflang="sv"' in page
    bare = client.get(paths["candidates"], params={"lang": "sv"}).text
    assert 'href="?lang=en" hreflang="en"' in bare


def test_the_login_page_speaks_swedish(site: tuple[TestClient, dict[str, str]]) -> None:
    signed_out = TestClient(site[0].app_for_tests, raise_server_exceptions=False)  # type: ignore[attr-defined]
    answer = signed_out.get("/login", params={"lang": "sv"})
    assert Texts(answer.text).lang == "sv" and "Logga in" in answer.text
    assert not _untranslated(answer.text), _untranslated(answer.text)


def _msgids(text: str) -> list[str]:
    found = []
    for call in re.finditer(r'_\(("(?:[^"\\]|\\.)*")(?:\s+if\s+[^"]*?\s+else\s+("(?:[^"\\]|\\.)*"))?', text):
        found.extend(json.loads(g) for g in call.groups() if g)
    return found


def test_every_text_the_templates_translate_has_its_swedish() -> None:
    from kompetens.api.render import EVENT_LABELS, NAV, NOTICES, SHORT_LABELS

    used = [m for f in TEMPLATES.iterdir() if f.name.endswith(".html") for m in _msgids(f.read_text("utf-8"))]
    used += [label for _, label, _ in NAV] + list(NOTICES.values()) + list(SHORT_LABELS.values())
    used += [*EVENT_LABELS.values(), "call of {route}"]  # the event log's (api/render.py, event_label)
    assert len(used) > 150
    missing = sorted({m for m in used if m not in WORDS})
    assert not missing, missing
    stale = sorted(k for k in WORDS if not k.startswith("_") and k not in used)
    assert not stale, stale  # a word no template asks for any more
    for english, swedish in WORDS.items():
        if english.startswith("_"):
            continue
        fields = set(re.findall(r"\{(\w+)\}", english))
        assert fields == set(re.findall(r"\{(\w+)\}", swedish)), english


# what a template may write outside ``_()`` (names, paths and the language switch's own two labels)
LITERAL = frozenset(
    [
        "kompetens",
        "openapi",
        "json",
        "docs",
        "api",
        "md",
        "HTTP",
        "ESCO",
        "JobTech",
        "Authorization",
        "In",
        "English",
        "svenska",
        "autofocus",
    ]
)


def _literal_words(template: str) -> list[str]:
    """The words a template writes as they are: its text outside tags, Jinja blocks, comments, scripts,
    styles and ``code`` (and outside a macro's attributes)."""
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", template, flags=re.S)
    text = re.sub(r"<(script|style|code)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r'[\w-]+="[^"]*"', " ", text)  # a macro's attributes
    return [w for w in re.findall(r"[A-Za-z][A-Za-z-]+", text) if w not in LITERAL]


def test_no_template_writes_english_outside_its_translated_texts() -> None:
    """A Swedish page said "2 of 3 ... misses Community" on a ranking with must-haves, "(must-have)" on a
    role, "Fused score" on /link and "(made ..., last used never)" on /users: words written in the template,
    not through ``_()``."""
    found = {
        f.name: words
        for f in sorted(TEMPLATES.iterdir())
        if f.name.endswith(".html") and (words := _literal_words(f.read_text("utf-8")))
    }
    assert not found, found
    # the check can fail: a literal English word in a template is found
    assert _literal_words("<td>{{ n }} of {{ m }} <span>misses</span></td>") == ["of", "misses"]


class Marks(HTMLParser):
    """The ``title`` of each highlight (``mark``) of a reviewed ad."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.titles: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark" and (title := dict(attrs).get("title")):
            self.titles.append(title)


def _reviewed(client: TestClient, ad: str) -> dict[str, str]:
    """The /review page of ``ad`` in Swedish and in English."""
    said = {}
    for lang in ("sv", "en"):
        data = {"csrf_token": csrf(client, "/review"), "text": ad, "title": "", "lang": ""}
        answer = client.post("/review", params={"lang": lang}, data=data)
        assert answer.status_code == 200, answer.text[:300]
        said[lang] = answer.text
    return said


def _ranked(client: TestClient, ad: str, cvs: list[tuple[str, str]] | None = None) -> dict[str, str]:
    """The /rank page for ``ad``'s role (``cvs``: (file name, text), by default one CV) in Swedish and in
    English."""
    said = {}
    for lang in ("sv", "en"):
        data = {"csrf_token": csrf(client, "/rank"), "role_source": "ad", "ad": ad}
        files = [
            ("cvs", (name, text.encode(), "text/plain"))
            for name, text in cvs or [("Kandidat_Exempel.txt", CV)]
        ]
        answer = client.post("/rank", params={"lang": lang}, data=data, files=files)
        assert answer.status_code == 200, answer.text[:300]
        said[lang] = answer.text
    return said


def test_a_reviewed_ad_and_its_highlights_speak_swedish(site: tuple[TestClient, dict[str, str]]) -> None:
    """The review's facts, paragraphs and the notes of its highlights (what showed an area: "a skill or word
    of the area") in the page's language; the English page keeps its English."""
    client, _ = site
    ad = AD + "Du ska vara en stark ledare. Meriterande med erfarenhet av Google Analytics och kundtjänst.\n"
    said = _reviewed(client, ad)
    marks = Marks(said["sv"]).titles
    assert any("en färdighet eller ett ord för området" in t for t in marks), marks
    assert not [t for t in Marks(said["sv"]).titles if _english(t)]
    assert any("a skill or word of the area" in t for t in Marks(said["en"]).titles)
    for tag in ("p", "li"):
        left = [text for name, text in Texts(said["sv"], (tag,)).found if name == tag and _english(text)]
        assert not left, left
    assert [text for name, text in Texts(said["en"], ("li",)).found if name == "li" and _english(text)]


def test_the_rank_pages_skills_are_labelled_in_the_page_language(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    """A Swedish /rank page for an English ad's role listed its skills by their English labels ("search
    engine optimisation (SEO)", "customer support"): now each in the page's language where one is known,
    the English page keeps its English. (A fictional ad.)"""
    client, _ = site
    ad = (
        "Communications officer at Example Ltd\n\nYou run our Instagram and answer customer questions. You"
        " have experience of search engine optimisation and Google Analytics.\n"
    )
    said = {}
    for lang, page in _ranked(client, ad).items():
        # the skills' paragraphs (the form below still holds the ad as typed)
        skills = re.findall(r"<p><strong>(?:Matched|Missing|Färdigheter)[^<]*</strong>.*?</p>", page)
        said[lang] = " ".join(" ".join(skills).split())
    assert "sökmotoroptimering (SEO)*" in said["sv"] and "kundsupport" in said["sv"]
    for english in ("search engine optimisation", "customer support", "social media platforms"):
        assert english not in said["sv"] and english in said["en"], english


def test_a_part_in_another_language_is_named_in_swedish(site: tuple[TestClient, dict[str, str]]) -> None:
    """The Swedish /review page said "Inte granskat: characters 346-549: French is not supported; read as
    Swedish": now the part is named by its first words, in Swedish. (A fictional ad.)"""
    client, _ = site
    french = (
        "Nous cherchons un vendeur dynamique pour notre boutique imaginaire. Vous travaillerez avec les"
        " clients, gérerez la caisse et conseillerez nos visiteurs. Une expérience dans la vente est souhaitée."
    )
    data = {"csrf_token": csrf(client, "/review"), "text": AD + "\n" + french + "\n", "title": "", "lang": ""}
    answer = client.post("/review", params={"lang": "sv"}, data=data)
    assert answer.status_code == 200, answer.text[:300]
    page = " ".join(answer.text.split())
    assert "stycket som börjar ”Nous cherchons un…”: franska stöds inte och lästes som svenska" in page
    assert "characters " not in page and "is not supported" not in page


def test_a_ranking_drawn_on_the_rank_page_speaks_swedish(site: tuple[TestClient, dict[str, str]]) -> None:
    """The /rank page's answer: the role's weights, the table's short area names, the evidence and the
    interview kits' texts in the page's language."""
    client, _ = site
    said = {}
    for lang in ("sv", "en"):
        data = {"csrf_token": csrf(client, "/rank"), "role_source": "default"}
        files = [("cvs", ("Kandidat_Exempel.txt", CV.encode(), "text/plain"))]
        answer = client.post("/rank", params={"lang": lang}, data=data, files=files)
        assert answer.status_code == 200, answer.text[:300]
        said[lang] = answer.text
    for tag in ("p", "th", "abbr", "a", "dt", "summary"):
        found = [text for name, text in Texts(said["sv"], (tag,)).found if name == tag]
        assert found or tag in ("dt",), tag
        left = [text for text in found if _english(text)]
        assert not left, (tag, left)
    assert [text for name, text in Texts(said["en"], ("p",)).found if name == "p" and _english(text)]


def test_the_social_media_evidence_list_speaks_the_page_language(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    """The "Why social media" list said "counted" / "set aside (...)" in English on a Swedish page."""
    client, _ = site
    ad = AD + "Du publicerar inlägg på Instagram och svarar på kommentarer.\nFölj oss på LinkedIn!\n"
    said = {
        lang: [text for name, text in Texts(page, ("li",)).found if name == "li" and "”" in text]
        for lang, page in _reviewed(client, ad).items()
    }
    assert said["sv"] and not [text for text in said["sv"] if "“" in text]  # Swedish quotes are ”…” (hT)
    assert said["en"] and all(text.startswith("“") for text in said["en"])
    assert any(text.endswith("räknas") for text in said["sv"]), said["sv"]
    assert not [text for text in said["sv"] if "counted" in text or "set aside" in text], said["sv"]
    assert any(text.endswith("counted") for text in said["en"]), said["en"]


def test_a_ranking_for_an_ad_says_its_role_and_what_to_check_in_swedish(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    """A bug hunt (hK, finding 4): under ?lang=sv the role read "derived from a job ad", and "Kontrollera
    manuellt:" was followed by "holds 4 of the 4 sentences of the ad word for word ..." in English."""
    client, _ = site
    ad = (
        "Sociala medier-ansvarig till Exempelbyrån AB\n\n"
        "Du leder våra kunders närvaro på Instagram, TikTok och LinkedIn.\n"
        "Du modererar kommentarer och hanterar klagomål från kunder i kanalerna.\n"
        "Du följer upp resultat i Google Analytics och rapporterar insikter till kunderna.\n"
        "Du bygger och vårdar communities kring varumärkena.\n"
    )
    dated = "Erfarenhet\n2015 ?? 2018 Community manager, Exempelbolaget AB\nModererade forum.\n"
    said = {
        lang: html.unescape(page)
        for lang, page in _ranked(client, ad, [("Kopia.txt", ad), ("Datum.txt", dated)]).items()
    }
    assert "härledd ur en platsannons" in said["sv"] and "derived from a job ad" not in said["sv"]
    assert "meningar ordagrant" in said["sv"] and "word for word" not in said["sv"]
    assert "ett datumintervall som inte gick att läsa" in said["sv"] and "was not read" not in said["sv"]
    assert "derived from a job ad" in said["en"] and "word for word" in said["en"]


ERRORS = json.loads(
    resources.files("kompetens.lang").joinpath("sv", "errors.json").read_text(encoding="utf-8")
)


def test_every_error_code_has_its_swedish_kind_and_each_message_keeps_its_parts() -> None:
    from kompetens.errors import Code

    assert set(ERRORS["kinds"]) == set(Code.__members__)
    for english, swedish in ERRORS["messages"].items():
        assert set(re.findall(r"\{(\w+)\}", english)) == set(re.findall(r"\{(\w+)\}", swedish)), english
        assert not _english(re.sub(r"\{\w+\}", "", swedish)), (english, swedish)


def _alert(html_text: str) -> str:
    """The text of a page's error box (``role="alert"``), tags dropped."""
    found = re.search(r'<div class="error" role="alert".*?</div>', html_text, re.DOTALL)
    assert found, html_text[:500]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group())).split())


def test_errors_on_swedish_pages_are_swedish(site: tuple[TestClient, dict[str, str]]) -> None:
    """Hunt hR, finding 4: a Swedish page said its errors in English, with internal names ("Det gick inte / a
    final order that differs from the system's needs a reason / Fel E508: invalid confirmation, fält
    “reason”"; "Unknown candidate / no such candidate"; "Not Found / Error HTTP404"; "unsupported file type
    '.doc': save it as .docx or PDF"). The English pages keep their English."""
    client, paths = site
    # a coded error page
    answer = client.get("/candidates/no-such-id", params={"lang": "sv"})
    assert answer.status_code == 404
    assert "<h1>Okänd kandidat</h1>" in answer.text
    said = _alert(answer.text)
    assert "kandidaten finns inte" in said and "Fel E505: okänd kandidat, fält ”id”" in said, said
    assert not _english(said), said
    english = client.get("/candidates/no-such-id", params={"lang": "en"})
    assert "<h1>Unknown candidate</h1>" in english.text and "no such candidate" in _alert(english.text)
    # a page the server does not have
    answer = client.get("/no-such-page", params={"lang": "sv"})
    assert answer.status_code == 404 and "<h1>Sidan finns inte</h1>" in answer.text
    assert "Fel HTTP 404" in _alert(answer.text)
    # a form's error, its field named as the form names it
    cid = paths["candidate"].rsplit("/", 1)[-1]
    data = {"csrf_token": csrf(client, paths["ranking"]), f"pos_{cid}": "x", "reason": ""}
    answer = client.post(paths["ranking"] + "/confirm", params={"lang": "sv"}, data=data)
    said = _alert(answer.text)
    assert (
        "platsen 'x' är inget tal" in said and "Fel E508: ogiltig bekräftelse, fält ”slutlig plats”" in said
    )
    assert not _english(said), said
    # a file that cannot be read, among the uploaded CVs
    data = {"csrf_token": csrf(client, "/rank"), "role_source": "default"}
    files = [
        ("cvs", ("Kandidat_Exempel.txt", CV.encode(), "text/plain")),
        ("cvs", ("gammalt.doc", b"not really a word file", "application/msword")),
    ]
    for lang, want in (
        ("sv", "filtypen '.doc' kan inte läsas: spara filen som .docx eller PDF"),
        ("en", "unsupported file type '.doc': save it as .docx or PDF"),
    ):
        answer = client.post("/rank", params={"lang": lang}, data=data, files=files)
        assert answer.status_code == 200 and want in html.unescape(answer.text), lang


def test_an_error_message_missing_from_the_table_is_shown_as_written() -> None:
    from kompetens.api.render import _PAGE_LANG, error_field, error_kind, error_message
    from kompetens.errors import Code

    token = _PAGE_LANG.set("sv")
    try:
        assert error_message("something new went wrong") == "something new went wrong"
        assert error_message("the role hiring_manager may not upload or rank CVs") == (
            "rollen rekryterande chef får inte ladda upp eller ranka CV:n"
        )
        assert error_kind(Code.E101) == error_kind("E101") == "tom fil"
        assert (
            error_field("weights.community") == "vikter" and error_field("unknown_field") == "unknown_field"
        )
    finally:
        _PAGE_LANG.reset(token)
    assert error_message("the file is empty") == "the file is empty" and error_kind("E101") == "empty file"


def test_the_why_list_and_the_downloaded_report_name_their_parts_in_swedish(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    """Hunt hR, finding 9: the Swedish /review page's "Varför sociala medier" listed `“Instagram” · body ·
    räknas` (the ad's parts by their code names: body, duties, requirements), and the Swedish report
    downloaded from it said "pasted ad · sv"."""
    client, _ = site
    ad = AD + "\nArbetsuppgifter\nDu modererar vår Facebookgrupp och svarar i kommentarsfält.\n"
    said = _reviewed(client, ad)
    why = {lang: re.search(r'<h2 id="ev-h">.*?</ul>', text, re.DOTALL) for lang, text in said.items()}
    assert why["sv"] and why["en"]
    parts = {
        lang: re.findall(r"</span> · ([^·<]+) · ", found.group()) for lang, found in why.items() if found
    }
    assert "brödtext" in parts["sv"] and "arbetsuppgifter" in parts["sv"], parts
    assert not {"body", "duties", "requirements"} & set(parts["sv"]), parts
    assert "body" in parts["en"] and "duties" in parts["en"], parts
    for lang, want in (("sv", "inklistrad annons"), ("en", "pasted ad")):
        data = {"csrf_token": csrf(client, "/review"), "text": ad, "title": "", "lang": ""}
        report = client.post("/review/report", params={"lang": lang}, data=data).text
        assert f"{want} · sv" in report, lang
    assert "pasted ad" not in client.post("/review/report", params={"lang": "sv"}, data=data).text


def test_the_rank_page_proposes_a_team_when_asked(site: tuple[TestClient, dict[str, str]]) -> None:
    """Hunt hR, finding 6: the web pages had no team proposal (`kompetens team`, POST /api/v1/team only), so a
    hiring manager whose candidates each cover part of the ad could not ask who together cover it. (Fictional
    CVs.)"""
    client, _ = site
    cvs = {
        "kundtjanst.txt": "Erfarenhet\n2015 - nu Teamledare kundtjänst, Exempelbolaget AB\nBesvarade klagomål i "
        "chatt och kommentarer, modererade företagets community.\n",
        "analys.txt": "Erfarenhet\n2018 - nu Webbanalytiker, Fiktiva Byrån AB\nFöljde upp räckvidd i Google "
        "Analytics, byggde rapporter och arbetade med sökmotoroptimering.\n",
        "lager.txt": "Erfarenhet\n2010 - nu Lagerarbetare, Exempellagret AB\nPlockade order, truckkort.\n",
    }
    files = [("cvs", (name, text.encode(), "text/plain")) for name, text in cvs.items()]
    said = {}
    for lang in ("sv", "en"):
        data = {"csrf_token": csrf(client, "/rank"), "role_source": "default", "team": "2"}
        answer = client.post("/rank", params={"lang": lang}, data=data, files=files)
        assert answer.status_code == 200, answer.text[:300]
        found = re.search(
            r'<section class="card" aria-labelledby="team-h">.*?</section>', answer.text, re.DOTALL
        )
        assert found, lang
        said[lang] = found.group()
    members = re.findall(r"<li><strong>([^<]+)</strong>", said["sv"])
    assert sorted(members) == ["analys.txt", "kundtjanst.txt"], members
    assert "Förslag på team" in said["sv"] and "Team proposal" in said["en"]
    assert not [text for tag, text in Texts(said["sv"], ("h2", "p", "th", "caption")).found if _english(text)]
    # no team asked for: no section; a size that is no whole number from 1 to 10: the form's error, in Swedish
    data = {"csrf_token": csrf(client, "/rank"), "role_source": "default"}
    assert 'aria-labelledby="team-h"' not in client.post("/rank", data=data, files=files).text
    data = {"csrf_token": csrf(client, "/rank"), "role_source": "default", "team": "11"}
    answer = client.post("/rank", params={"lang": "sv"}, data=data, files=files)
    assert answer.status_code == 422, answer.status_code
    assert "ett team på 1 till 10 personer, som ett heltal" in _alert(answer.text)


def test_a_printed_page_leaves_out_the_navigation_and_the_printable_shortlist_opens(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    """Hunt hR, finding 13: the stylesheet had no print rules (a printed interview kit carried the navigation
    and the forms), and the ranking page's "Utskriftsvänlig sida" came as a download, a file in Downloads on
    a phone. The API's export stays a download."""
    client, paths = site
    css = client.get("/static/kompetens.css").text
    printed = css[css.index("@media print") :]
    assert (
        "header.site" in printed and "display: none" in printed and "form.stack:not(:has(table))" in printed
    )
    answer = client.get(
        paths["ranking"] + "/export", params={"format": "html", "blind": "true", "lang": "sv"}
    )
    assert answer.status_code == 200 and answer.headers["content-disposition"].startswith("inline;")
    assert "script-src" not in answer.headers["content-security-policy"]  # default-src 'none': no script runs
    assert "Kortlista" in answer.text
    csv = client.get(paths["ranking"] + "/export", params={"format": "csv", "lang": "sv"})
    assert csv.headers["content-disposition"].startswith("attachment;")


def test_numbers_on_a_swedish_page_use_a_decimal_comma(site: tuple[TestClient, dict[str, str]]) -> None:
    """Hunt hR, finding 14: the Swedish /rank page read "Vikter: Marknadsföring 0.76" and a stored role's page
    "0.7589" (and "yes" for a must-have); Swedish writes "0,76". (A fictional ad.)"""
    client, _ = site
    ad = (
        "Kommunikatör till Exempelby kommun\n\nDu ansvarar för kommunens Facebook och Instagram, besvarar "
        "frågor i kommentarsfält och följer upp räckvidd med statistik.\n"
    )
    weights = {}
    for lang, page in _ranked(client, ad).items():
        found = re.search(r'<p class="small">[^:<]+:(.*?)</p>', page, re.DOTALL)
        assert found, lang
        weights[lang] = re.findall(r"\d[\d.,]*", found.group(1))
    assert any("," in w for w in weights["sv"]) and not any("." in w for w in weights["sv"]), weights
    assert any("." in w for w in weights["en"]) and not any("," in w for w in weights["en"]), weights
    from kompetens.api.render import _PAGE_LANG, number

    token = _PAGE_LANG.set("sv")
    try:
        assert number(0.7589, "%.2g") == "0,76" and number(1.0) == "1"
    finally:
        _PAGE_LANG.reset(token)
    assert number(0.7589, "%.2g") == "0.76"


def test_the_rank_pages_quoted_evidence_carries_the_cvs_language(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    """An accessibility audit (hunt hO, finding 4; WCAG 3.1.2): a Swedish CV's evidence lines on the English
    /rank page, and an English CV's on the Swedish page, had no ``lang``: a screen reader read them in the
    page's language. Each ``<dd>`` of evidence and each matched skill's quoted words say the CV's language."""
    client, _ = site
    english = (
        "Work experience\n2019 - now Social media manager, Example Ltd\n"
        "Plan and publish content on Instagram and LinkedIn; answer customer complaints in the comments; "
        "report reach and engagement in Google Analytics every month.\n"
    )
    said = _ranked(client, AD, [("Kandidat_Exempel.txt", CV), ("Example_Candidate.txt", english)])
    for page, own, other in ((said["en"], "en", "sv"), (said["sv"], "sv", "en")):
        dds = re.findall(r"<dd([^>]*)>", page)
        assert dds, page[:300]
        assert any(f'lang="{other}"' in a for a in dds), (own, dds)  # the other language's CV
        assert all('lang="' in a for a in dds), (own, dds)


def test_the_event_log_says_each_event_in_the_page_language(site: tuple[TestClient, dict[str, str]]) -> None:
    """A Swedish recruiter's hunt (hO2, finding 10): the Swedish event log showed "candidate.add" alone; each
    event is said in words beside its name (the name stays, as docs/privacy.md lists them)."""
    client, _ = site
    swedish = client.get("/events?lang=sv").text
    assert "kandidat sparad <code>candidate.add</code>" in swedish, swedish[-3000:]
    assert "inloggning <code>signin</code>" in swedish
    english = client.get("/events?lang=en").text
    assert "candidate stored <code>candidate.add</code>" in english


def test_the_other_language_of_a_review_is_the_same_review(
    site: tuple[TestClient, dict[str, str]], caplog: pytest.LogCaptureFixture
) -> None:
    """Hunt hO3, finding 9: on a review (stored nowhere) the footer's "Svenska" was a link to ``/review?lang=sv``,
    a GET of the empty form, and the ad had to be pasted or uploaded again. It is now a button that sends the
    review's own form (the ad's text as read, title and language) to ``/review?lang=sv``: the same review, in
    Swedish, and no ad text in the log."""
    client, _ = site
    ad = AD + "Du ska vara en ung och stark ledare. Meriterande med erfarenhet av Google Analytics.\n"
    english = _reviewed(client, ad)["en"]
    tags = Elements(english).tags
    (button,) = [a for t, a in tags if t == "button" and a.get("lang") == "sv"]
    assert button.get("type") == "submit" and button.get("formaction") == "/review?lang=sv"
    assert not [a for t, a in tags if t == "a" and a.get("hreflang") == "sv"]  # the link that dropped it
    start = next(i for i, (t, a) in enumerate(tags) if t == "form" and a.get("id") == button["form"])
    end = next(i for i, (t, _) in enumerate(tags[start + 1 :], start + 1) if t == "form")
    fields = {
        str(a["name"]): html.unescape(str(a.get("value") or ""))
        for t, a in tags[start:end]
        if t == "input" and a.get("type") == "hidden"
    }
    assert fields["text"].strip() == ad.strip() and set(fields) == {"csrf_token", "text", "title", "lang"}
    with caplog.at_level("DEBUG"):
        swedish = client.post(str(button["formaction"]), data=fields)
    assert swedish.status_code == 200
    assert '<html lang="sv">' in swedish.text and "Granska en platsannons" in swedish.text
    flags = [
        [q.strip("“”") for q in re.findall(r'<li id="f\d+"><a href="#t\d+"[^>]*>([^<]*)</a>', page)]
        for page in (english, swedish.text)
    ]
    assert flags[0] == ["ung", "stark ledare"] and flags[0] == flags[1]  # the same words flagged, in order
    # and back: the Swedish page's "English" sends the same form to /review?lang=en
    back = [a for t, a in Elements(swedish.text).tags if t == "button" and a.get("lang") == "en"]
    assert back and back[0].get("formaction") == "/review?lang=en"
    assert "ung och stark ledare" not in caplog.text
