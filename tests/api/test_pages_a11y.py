"""The web pages for people with screen readers, keyboards, zoom and phones (WCAG 2.1 AA, the parts that can be
read from the HTML and the stylesheet), over fictional data; docs/api.md "Accessibility" says
what is checked here and what is not. The 320 px reflow and the focus on load are checked in a real browser
by tests/e2e/test_browser.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib import resources

import pytest
from fastapi.testclient import TestClient

from kompetens.engine import Engine

from .support import csrf, signed_in_site

PASSWORD = "a long enough password"
CSS = resources.files("kompetens.api").joinpath("static", "kompetens.css").read_text(encoding="utf-8")
CV = "Erfarenhet\n2019 - nu Social media-ansvarig, Exempelbolaget AB\nInstagram, LinkedIn och SEO.\n"
AD = (
    "Kommunikatör till Exempelbolaget AB\n\nDu ansvarar för vår Instagram och svarar på kunders frågor. "
    "Du ska vara en ung och stark ledare. Meriterande med erfarenhet av Google Analytics.\n"
)


class Tree(HTMLParser):
    """Each start tag with its attributes, its ancestors' tags and (once closed) its text."""

    VOID = frozenset(
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
    )

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[dict[str, object]] = []
        self.stack: list[dict[str, object]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element: dict[str, object] = {
            "tag": tag,
            "attrs": dict(attrs),
            "ancestors": [e["tag"] for e in self.stack],
            "text": [],
        }
        self.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element["text"].append(data)  # type: ignore[attr-defined]

    def all(self, tag: str) -> list[dict[str, object]]:
        return [e for e in self.elements if e["tag"] == tag]


def attrs(element: dict[str, object]) -> dict[str, str | None]:
    return element["attrs"]  # type: ignore[return-value]


def text(element: dict[str, object]) -> str:
    return " ".join("".join(element["text"]).split())  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, dict[str, str]]:
    """A signed-in admin over an organisation holding a candidate, an ad, a role and a ranking (fictional)."""
    return signed_in_site(Engine(tmp_path_factory.mktemp("a11y-pages")), cv=CV, ad=AD, password=PASSWORD)


def reviewed(client: TestClient, lang: str = "en") -> str:
    data = {"csrf_token": csrf(client, "/review"), "text": AD, "title": "", "lang": ""}
    answer = client.post("/review", params={"lang": lang}, data=data)
    assert answer.status_code == 200, answer.text[:300]
    return answer.text


# -- colour -----------------------------------------------------------------------------------------------


def _colours() -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", CSS))


def _luminance(colour: str) -> float:
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_is_computed_as_wcag_does() -> None:
    assert contrast("#000", "#fff") == pytest.approx(21.0)
    assert contrast("#777", "#fff") == pytest.approx(4.48, abs=0.01)


def test_the_focus_outline_stands_out_on_every_ground() -> None:
    """WCAG 2.4.7 and 1.4.11: the focus outline at least 3:1 against the page, a card, the dark header and the
    error box (the old orange #f59f00 had 2.1:1 on white)."""
    v = _colours()
    assert "outline: 3px solid var(--focus)" in CSS
    grounds = {"page": v["bg"], "card": v["card"], "header": v["brand"], "error box": "#fdecea"}
    for ground, colour in grounds.items():
        assert contrast(v["focus"], colour) >= 3, (ground, v["focus"], colour)


def test_the_bars_fills_stand_out_from_their_track() -> None:
    """1.4.11: each fill of a meter at least 3:1 against the meter's track (the middle one had 2.4:1)."""
    (track,) = re.findall(r"::-webkit-meter-bar \{ background: (#[0-9a-f]{6})", CSS)
    fills = re.findall(r"meter\.bar::-webkit-meter-[\w-]+-value \{ background: (#[0-9a-f]{6})", CSS)
    fills += re.findall(r"meter\.bar:-moz-meter-[\w-]+::-moz-meter-bar \{ background: (#[0-9a-f]{6})", CSS)
    assert len(fills) == 6
    assert all(contrast(f, track) >= 3 for f in fills), [(f, round(contrast(f, track), 2)) for f in fills]


def test_the_stylesheets_text_colours_keep_four_and_a_half_to_one() -> None:
    """1.4.3: the text colours on the grounds they are used on (the pairs of kompetens.css)."""
    v = _colours()
    pairs = [
        (v["ink"], v["bg"]),
        (v["muted"], v["bg"]),
        (v["muted"], v["card"]),
        (v["link"], v["card"]),
        (v["link"], "#c9e0f5"),  # a link in the ranking's darkest level cell
        ("#fff", v["brand"]),
        (v["bad"], "#fdecea"),  # the error box's heading
        (v["bad"], "#c9e0f5"),  # "gap" in the darkest level cell
        (v["ok"], v["card"]),
        (v["muted"], "#eceff1"),  # a cue set aside
        ("#9b1c1c", "#ffe3e3"),
        ("#4c2fa3", "#e8deff"),
        ("#7a4500", "#fff1b8"),
        ("#9a3412", "#ffe0c2"),
    ]
    low = [(a, b, round(contrast(a, b), 2)) for a, b in pairs if contrast(a, b) < 4.5]
    assert not low, low


def test_no_control_is_wider_than_a_phone() -> None:
    """1.4.10: a fieldset shrinks below its content's min-content width and no control passes its column
    (at 320 px /rank, /rankings and /roles scrolled sideways by 40 to 90 px)."""
    assert re.search(r"fieldset \{[^}]*min-width: 0", CSS)
    assert re.search(r"input, select, textarea \{ max-width: 100%; \}", CSS)


# -- structure --------------------------------------------------------------------------------------------


def test_every_data_table_has_a_caption(site: tuple[TestClient, dict[str, str]]) -> None:
    """1.3.1: a table is named (a caption) and its header cells say what they head (scope); the review's areas
    table and the areas page's skill tables had no caption. Every page, both languages, and a review."""
    client, paths = site
    pages = {
        f"{name}.{lang}": client.get(path, params={"lang": lang}).text
        for name, path in paths.items()
        for lang in ("en", "sv")
    }
    pages["review result"] = reviewed(client)
    tables = 0
    for name, html in pages.items():
        tree = Tree(html)
        for table in tree.all("table"):
            tables += 1
            index = tree.elements.index(table)
            inner = [e for e in tree.elements[index + 1 :] if "table" in e["ancestors"]]  # type: ignore[operator]
            assert any(e["tag"] == "caption" and text(e) for e in inner), (name, attrs(table))
        assert all(attrs(th).get("scope") in ("col", "row") for th in tree.all("th")), name
    assert tables >= 20


def test_tables_wider_than_a_phone_scroll_in_their_own_box(site: tuple[TestClient, dict[str, str]]) -> None:
    """1.4.10: the areas page's skill tables (four columns, ~640 px) scroll inside a box, not the page."""
    client, paths = site
    tree = Tree(client.get(paths["areas"]).text)
    concepts = [t for t in tree.all("table") if attrs(t).get("class") == "concepts"]
    assert concepts
    for table in concepts:
        index = tree.elements.index(table)
        wrap = [e for e in tree.elements[:index] if "table-wrap" in (attrs(e).get("class") or "")]
        assert wrap and tree.elements.index(wrap[-1]) == index - 1


# -- errors -----------------------------------------------------------------------------------------------


def _focused_on_load(html: str) -> list[dict[str, str | None]]:
    return [attrs(e) for e in Tree(html).elements if "autofocus" in attrs(e)]


def test_a_forms_error_takes_the_focus_to_the_field_to_mend(site: tuple[TestClient, dict[str, str]]) -> None:
    """3.3.1 and 2.4.3: the page that answers a form with an error opens with the keyboard's focus on the field
    the error names (which has aria-invalid and the error box in its description), else on the error box
    itself; before, the focus stayed at the top and a keyboard user tabbed past the 13 links of the header."""
    client, _ = site
    empty = client.post("/review", data={"csrf_token": csrf(client, "/review"), "text": "", "lang": ""})
    assert empty.status_code == 422
    (field,) = _focused_on_load(empty.text)
    assert field["id"] == "text" and field["aria-invalid"] == "true"
    assert "form-error" in (field["aria-describedby"] or "").split()
    no_cvs = client.post("/rank", data={"csrf_token": csrf(client, "/rank"), "role_source": "default"})
    assert no_cvs.status_code == 422
    assert [f["id"] for f in _focused_on_load(no_cvs.text)] == ["cvs"]

    signed_out = TestClient(client.app, raise_server_exceptions=False)
    data = {"csrf_token": csrf(signed_out, "/login"), "email": "admin@x.example", "password": "not it at all"}
    wrong = signed_out.post("/login", data=data)
    assert wrong.status_code >= 400
    (box,) = _focused_on_load(wrong.text)  # the error names no field: the box takes the focus
    assert box["id"] == "form-error" and box["role"] == "alert" and box["tabindex"] == "-1"


def test_an_error_on_a_group_of_fields_takes_the_focus_to_the_group(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    """An error naming a fieldset (all weights 0) focuses the fieldset, which reads its legend: a fieldset takes
    no focus of its own, so its autofocus went nowhere until it had tabindex=-1."""
    client, paths = site
    data = {"csrf_token": csrf(client, paths["roles"]), "title": "Exempelroll", "w_community": "0"}
    zero = client.post(paths["roles"], data=data)
    assert zero.status_code == 422
    (group,) = _focused_on_load(zero.text)
    assert group["tabindex"] == "-1" and group["aria-invalid"] == "true"
    assert "form-error" in (group["aria-describedby"] or "").split()


def test_no_page_without_an_error_moves_the_focus(site: tuple[TestClient, dict[str, str]]) -> None:
    """Autofocus only where there is an error to mend: elsewhere a screen reader starts at the top."""
    client, paths = site
    for name, path in paths.items():
        assert not _focused_on_load(client.get(path).text), name
    assert not _focused_on_load(reviewed(client))


# -- the reviewed ad's highlights -------------------------------------------------------------------------


def _hidden_inside(tree: Tree, mark: dict[str, object]) -> list[dict[str, object]]:
    index = tree.elements.index(mark)
    out = []
    for e in tree.elements[index + 1 :]:
        if e["ancestors"][: len(mark["ancestors"]) + 1] != [*mark["ancestors"], "mark"]:  # type: ignore[index]
            break
        if "visually-hidden" in (attrs(e).get("class") or ""):
            out.append(e)
    return out


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_each_highlight_of_the_ad_says_what_it_is_in_words(
    site: tuple[TestClient, dict[str, str]], lang: str
) -> None:
    """1.3.1 and 1.4.1: a screen reader hears which words of the ad are flagged and which ask for an area (they
    were told by colour and a title attribute only), in the page's language, marked as such inside the ad's
    own; the footnote link and the flag's category chip speak the page's language too ("flag 1", "age" were
    English on the Swedish page)."""
    client, _ = site
    html = reviewed(client, lang)
    tree = Tree(html)
    (ad,) = [e for e in tree.all("div") if attrs(e).get("class") == "ad"]
    start = tree.elements.index(ad)
    marks = [e for e in tree.elements[start + 1 :] if e["tag"] == "mark" and "div" in e["ancestors"]]  # type: ignore[operator]
    kinds = {(attrs(m).get("class") or "").split()[0] for m in marks}
    assert {"flag", "area"} <= kinds, kinds
    said = {
        "en": ("flagged wording", "asks for an area"),
        "sv": ("flaggad formulering", "efterfrågar ett område"),
    }
    for mark in marks:
        hidden = _hidden_inside(tree, mark)
        assert len(hidden) == 1, (attrs(mark), text(mark))
        assert attrs(hidden[0]).get("lang") == lang
        kind = (attrs(mark).get("class") or "").split()[0]
        if kind in ("flag", "area"):
            assert said[lang][0 if kind == "flag" else 1] in text(hidden[0]), text(hidden[0])
    flags = [m for m in marks if "flag" in (attrs(m).get("class") or "").split()]
    labels = [
        attrs(a).get("aria-label") for a in tree.all("a") if (attrs(a).get("href") or "").startswith("#f")
    ]
    assert labels and all(
        label == f"{'flagga' if lang == 'sv' else 'flag'} {i}" for i, label in enumerate(labels, start=1)
    ), labels
    chips = [text(e) for e in tree.all("span") if "cat" in (attrs(e).get("class") or "").split()]
    assert flags and ("ålder" if lang == "sv" else "age") in chips, chips
    assert lang == "en" or not {"age", "gender"} & set(chips), chips


# -- language of parts ------------------------------------------------------------------------------------


class Spoken(HTMLParser):
    """Each piece of text a screen reader speaks (text, and the label, aria-label, title and alt attributes)
    with the language it is marked as: the nearest ``lang`` around it."""

    SAID = ("label", "aria-label", "title", "alt", "placeholder")

    def __init__(self, html: str) -> None:
        super().__init__()
        self.langs: list[tuple[str, str]] = []
        self.said: list[tuple[str, str]] = []
        self.feed(html)

    def _lang(self) -> str:
        return self.langs[-1][1] if self.langs else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        lang = given.get("lang") or self._lang()
        if tag not in Tree.VOID:
            self.langs.append((tag, lang))
        self.said += [(lang, str(given[a])) for a in self.SAID if given.get(a) and tag != "input"]

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.langs) - 1, -1, -1):
            if self.langs[i][0] == tag:
                del self.langs[i:]
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and not (self.langs and self.langs[-1][0] in ("script", "style", "code")):
            self.said.append((self._lang(), data.strip()))


ENGLISH_ONLY = frozenset(
    # English words that Swedish never writes ("version", "social media", "marketing" are Swedish too)
    [
        "its",
        "hidden",
        "until",
        "unknown",
        "bytes",
        "stored",
        "what",
        "asks",
        "untitled",
        "roles",
        "search",
        "engine",
        "optimisation",
        "customer",
    ]
)


@pytest.mark.parametrize("name", ["candidate", "rankings", "areas"])
def test_english_on_a_swedish_page_is_marked_as_english(
    site: tuple[TestClient, dict[str, str]], name: str
) -> None:
    """3.1.2: a Swedish voice reads what is marked Swedish. The candidate page said "its name is hidden ...",
    "unknown" and "bytes", the rankings form's groups "Stored roles" and "What a stored job ad asks for", the
    areas page's skill tables their English labels, all unmarked on a Swedish page."""
    client, paths = site
    said = Spoken(client.get(paths[name], params={"lang": "sv"}).text).said
    assert said and all(lang for lang, _ in said)
    english = [
        (lang, t) for lang, t in said if lang == "sv" and set(re.findall(r"[a-z]+", t.lower())) & ENGLISH_ONLY
    ]
    assert not english, english
    if name == "areas":  # the English labels are there, marked
        assert any(lang == "en" and "search engine optimisation" in t for lang, t in said)


# -- the language switch ----------------------------------------------------------------------------------

OWN_LANGUAGE = ("/static/", "/openapi.json", "/docs", "/explanation", "/interview", "/export", "/file")
"""Links that are no page of the site's words (a file, the API's description and its reference, in English) or
speak a language of their own (a candidate's explanation in the CV's, an interview kit in the kit's)."""


def test_a_chosen_language_is_kept_by_every_link_and_form(site: tuple[TestClient, dict[str, str]]) -> None:
    """The language switch (?lang=sv): only the header's links kept it; the pages' own links (the home page's
    cards, a candidate's actions, the rankings) and every form's action dropped it, so a recruiter who chose
    Svenska got the English page back after sending /review or /rank."""
    client, paths = site
    seen = 0
    for name, path in paths.items():
        tree = Tree(client.get(path, params={"lang": "sv"}).text)
        links = [attrs(a).get("href") or "" for a in tree.all("a")]
        for href in links:
            if href.startswith("/") and not any(part in href for part in OWN_LANGUAGE):
                seen += 1
                assert "lang=sv" in href, (name, href)
        for form in tree.all("form"):
            index = tree.elements.index(form)
            if (attrs(form).get("method") or "get").lower() == "post":
                assert "lang=sv" in (attrs(form).get("action") or ""), (name, attrs(form))
            else:
                inside = [e for e in tree.elements[index + 1 :] if "form" in e["ancestors"]]  # type: ignore[operator]
                hidden = [attrs(e) for e in inside if e["tag"] == "input" and attrs(e).get("name") == "lang"]
                assert hidden and hidden[0].get("value") == "sv", (name, attrs(form))
    assert seen > 50
    # the form sent where the Swedish page says answers in Swedish
    (form,) = [
        attrs(f)
        for f in Tree(client.get("/review", params={"lang": "sv"}).text).all("form")
        if (attrs(f).get("action") or "").startswith("/review?")
    ]
    data = {"csrf_token": csrf(client, "/review"), "text": AD, "title": "", "lang": ""}
    answer = client.post(str(form["action"]), data=data)
    assert '<html lang="sv">' in answer.text and "Granska en platsannons" in answer.text


# -- file inputs ------------------------------------------------------------------------------------------

KIND_WORDS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".yaml": "yaml",
    ".json": "json",
    ".html": "html",
    ".csv": "csv",
}


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_file_input_says_the_files_it_takes(site: tuple[TestClient, dict[str, str]], lang: str) -> None:
    """3.3.2: the types a file input accepts are said in words, in its label or its description (a screen
    reader does not read ``accept``); /rank's role or ad file said "YAML or JSON" and nothing of the ad's."""
    client, paths = site
    inputs = 0
    for name, path in paths.items():
        tree = Tree(client.get(path, params={"lang": lang}).text)
        by_id = {attrs(e).get("id"): e for e in tree.elements if attrs(e).get("id")}
        labels = {attrs(e).get("for"): text(e) for e in tree.all("label")}
        for field in tree.all("input"):
            a = attrs(field)
            if a.get("type") != "file":
                continue
            inputs += 1
            described = [text(by_id[i]) for i in (a.get("aria-describedby") or "").split() if i in by_id]
            said = " ".join([labels.get(a.get("id"), ""), *described]).lower()
            for ext in (a.get("accept") or "").split(","):
                if ext in KIND_WORDS:
                    assert KIND_WORDS[ext] in said or (ext == ".docx" and "word" in said), (
                        name,
                        a["id"],
                        ext,
                        said,
                    )
    assert inputs >= 5


def test_a_background_job_started_in_swedish_stays_swedish(site: tuple[TestClient, dict[str, str]]) -> None:
    """An accessibility audit (hunt hO, finding 5): /market?lang=sv and /rank?lang=sv with "in the
    background" answered 303 to /jobs/ID without ?lang=sv: the job page and its report link were English."""
    client, _ = site
    ads = [
        (
            "ads",
            (
                "ads.jsonl",
                b'{"headline": "S\xc3\xa4ljare", "description": {"text": "Vi s\xc3\xb6ker en s\xc3\xa4ljare till v\xc3\xa5r butik i Solna."}}\n',
            ),
        )
    ]
    cvs = [
        (
            "cvs",
            ("Kandidat.txt", b"Erfarenhet\n2019 - nu Social media-ansvarig\nInstagram och SEO.\n"),
        )
    ]
    started = {
        "/market": client.post(
            "/market",
            params={"lang": "sv"},
            data={"csrf_token": csrf(client, "/market")},
            files=ads,
            follow_redirects=False,
        ),
        "/rank": client.post(
            "/rank",
            params={"lang": "sv"},
            data={"csrf_token": csrf(client, "/rank"), "role_source": "default", "background": "on"},
            files=cvs,
            follow_redirects=False,
        ),
    }
    for path, answer in started.items():
        assert answer.status_code == 303, (path, answer.text[:300])
        assert answer.headers["location"].endswith("?lang=sv"), (path, answer.headers["location"])
        job = client.get(answer.headers["location"])
        assert '<html lang="sv">' in job.text, path


def test_a_detail_pages_title_says_which_one(site: tuple[TestClient, dict[str, str]]) -> None:
    """An accessibility audit (hunt hO, finding 6; WCAG 2.4.2): a stored candidate's, ranking's, role's, ad's
    and explanation's pages were titled "Candidate · kompetens", "Ranking · kompetens"... (the explanation in
    English over a Swedish page): two tabs could not be told apart. The title says what its h1 says."""
    client, paths = site
    pages = [paths[n] for n in ("candidate", "ranking", "role", "ad")]
    pages.append(paths["candidate"] + "/explanation")
    for lang in ("en", "sv"):
        for path in pages:
            answer = client.get(path, params={"lang": lang})
            assert answer.status_code == 200, (path, answer.status_code)
            title = re.search(r"<title>(.*?) · kompetens</title>", answer.text)
            assert title is not None, path
            assert title.group(1) not in (
                "Candidate",
                "Ranking",
                "Role",
                "Job ad",
                "Explanation",
                "Kandidat",
                "Rankning",
                "Roll",
                "Platsannons",
                "Förklaring",
            ), (lang, path)
            if path.endswith("/explanation"):
                assert title.group(1).startswith("Förklaring för " if lang == "sv" else "Explanation for ")


def test_the_reviews_facts_and_skills_are_said_in_text_not_only_in_titles(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    """An accessibility audit (hunt hO, finding 7; WCAG 1.3.1): the gender-coded words' count ("1
    masculine-coded, 2 feminine-coded words") and each skill's words in the ad were in ``title`` attributes
    of elements no keyboard reaches. They are text on the page now."""
    client, _ = site
    page = reviewed(client)
    facts = re.search(r'<ul class="facts">(.*?)</ul>', page, re.S)
    assert facts is not None
    for li in re.findall(r"<li[^>]*>", facts.group(1)):
        assert "title=" not in li, li
    if "Gender-coded wording" in page:
        assert re.search(r"\(\d+ masculine-coded, \d+ feminine-coded words", page)
    skills = re.search(r'id="skills-h".*?<p>(.*?)</p>', page, re.S)
    if skills is not None:  # the quoted words that showed each skill, beside it
        assert re.search(r'<span class="muted small" lang="\w\w">\(“', skills.group(1)), skills.group(1)[:300]
