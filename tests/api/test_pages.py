"""The web pages: every page renders, forms post back, results show what the engine found."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from kompetens.engine import Engine
from kompetens.ingest import document_from_text
from kompetens.taxonomy import taxonomy_path
from tests.match.support import PRESCHOOL_AD

from .support import AD_SV, DEMO_AD, DEMO_CVS, ROOT, Elements, ad_files, as_files, csrf, demo_cvs

PAGES = ["/", "/review", "/rank", "/areas", "/link"]


def _page(r: object) -> Elements:
    return Elements(r.text)  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_with_layout(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    page = _page(r)
    assert page.all("html", lang="en")
    assert page.all("main", id="main")
    assert len(page.all("h1")) == 1
    current = page.all("a", **{"aria-current": "page"})
    # the navigation's list is drawn twice, a row for a wide screen and a menu for a phone (one is shown)
    assert [a["href"] for a in current] == [path, path]
    assert (
        len(page.all("nav", **{"aria-label": "Main"})) == 1
        and len(page.all("details", **{"class": "menu"})) == 1
    )


@pytest.mark.parametrize("path", PAGES)
def test_no_external_assets(client: TestClient, path: str) -> None:
    page = _page(client.get(path))
    for tag, attr in (("link", "href"), ("script", "src"), ("img", "src")):
        for a in page.all(tag):
            assert not re.match(r"(https?:)?//", a.get(attr) or ""), f"{tag} loads {a.get(attr)}"


@pytest.mark.parametrize("path", ["/review", "/rank", "/link"])
def test_every_form_control_has_a_label(client: TestClient, path: str) -> None:
    page = _page(client.get(path))
    labelled = {a.get("for") for a in page.all("label")}
    controls = [
        a
        for tag in ("input", "textarea", "select")
        for a in page.all(tag)
        if a.get("type") not in ("hidden", "submit")
    ]
    assert controls
    for a in controls:
        assert a.get("id") in labelled, f"no label for {a}"


@pytest.mark.parametrize("path", PAGES)
def test_behind_a_path_prefix_every_link_and_form_carries_it(client: TestClient, path: str) -> None:
    """``serve --root-path /kompetens`` (a reverse proxy's ``location /kompetens/``, which strips the prefix):
    every link, form, stylesheet and script of a page is under the prefix (a bug hunt, hK: no way to serve
    under one)."""
    prefixed = TestClient(client.app, root_path="/kompetens")
    r = prefixed.get(path)
    assert r.status_code == 200
    local = re.findall(r'(?:href|action|src)="(/[^"]*)"', r.text)
    assert local and all(u.startswith("/kompetens/") for u in local), local


def test_stylesheet_is_served(client: TestClient) -> None:
    page = _page(client.get("/"))
    (css,) = page.all("link", rel="stylesheet")
    r = client.get(css["href"] or "")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/css")


def test_home_lists_the_areas_in_both_languages(client: TestClient, engine: Engine) -> None:
    text = client.get("/").text
    for a in engine.areas():
        assert html.escape(a.label_en) in text
        assert html.escape(a.label_sv) in text


def test_areas_page_shows_the_model(client: TestClient, engine: Engine) -> None:
    text = html.unescape(client.get("/areas").text)
    for a in engine.area_details():
        assert f'id="{a.id}"' in text
        assert a.label_sv in text
        for c in a.concepts:
            assert c.label in text


def test_areas_page_links_each_concept_by_its_full_uri(client: TestClient, engine: Engine) -> None:
    """Hunt hR, finding 5: a JobTech concept was linked by its bare id (`href="DXNc_cU4_j4N"`), a relative link
    to a 404 page of the server (95 links); every concept link is now an absolute ESCO or JobTech URI."""
    text = client.get("/areas?lang=sv").text
    hrefs = re.findall(r'<td class="small">(.*?)</td>', text)
    links = [h for cell in hrefs for h in re.findall(r'href="([^"]+)"', cell)]
    jobtech = {j for a in engine.area_details() for c in a.concepts for j in c.jobtech}
    assert jobtech and links
    assert all(
        h.startswith(("http://data.europa.eu/esco/", "http://data.jobtechdev.se/taxonomy/concept/"))
        for h in links
    )
    assert {h.rsplit("/", 1)[-1] for h in links if "jobtechdev" in h} == {
        j.rsplit("/", 1)[-1] for j in jobtech
    }


@pytest.mark.parametrize("ad", [AD_SV, DEMO_AD.read_text(encoding="utf-8")])
def test_review_result(client: TestClient, engine: Engine, ad: str) -> None:
    r = client.post("/review", data={"text": ad, "title": "", "lang": "", "csrf_token": csrf(client)})
    assert r.status_code == 200
    review = engine.review(document_from_text(ad, source="pasted ad", kind="ad"))
    page = _page(r)
    flags = page.all("mark", id="t1")
    assert len(page.all("li", id=f"f{len(review.flags)}")) == 1
    assert flags, "the first flag is marked in the ad"
    assert len([t for t, a in page.tags if t == "meter"]) == 8
    # The highlighted ad holds the whole text: marks only wrap it (with words for screen readers, hidden).
    ad_html = re.split(r'<div class="ad" lang="\w+">', r.text, maxsplit=1)[1].split("</div>", 1)[0]
    plain = html.unescape(
        re.sub(r'<sup>.*?</sup>|<span class="visually-hidden"[^>]*>.*?</span>|<[^>]+>', "", ad_html)
    )
    assert plain == document_from_text(ad, kind="ad").text
    # stop 37: the page says which grounds the wording checks cover, so no flag is no clean bill beyond them
    assert "Checked for: age, sex" in r.text and "Nothing else is checked" in r.text
    # The form comes back filled in, to edit and review again.
    assert html.escape(ad.splitlines()[0]) in r.text
    # what the downloadable report shows, the page shows too: the gender lean and the skills
    coding = review.gender_coding
    if coding.masculine or coding.feminine:
        assert f"Gender-coded wording: <strong>{coding.verdict}</strong>" in r.text
    if review.skills:
        assert f'Skills the ad names <span class="muted">({len(review.skills)},' in r.text
    why = r.text.split('id="ev-h"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", why)
    assert len(items) == len(
        {(e.start, e.end, e.counted) for e in review.evidence}
    )  # a line a span and verdict


def test_review_of_nothing(client: TestClient) -> None:
    r = client.post("/review", data={"text": "   ", "csrf_token": csrf(client)})
    assert r.status_code == 422
    assert _page(r).all("div", role="alert")


def test_review_report_download(client: TestClient, engine: Engine) -> None:
    r = client.post("/review/report", data={"text": AD_SV, "csrf_token": csrf(client)})
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    doc = document_from_text(AD_SV, source="pasted ad", kind="ad")
    assert r.text == engine.review_html(engine.review(doc), doc)


def test_rank_result(client: TestClient) -> None:
    cvs = demo_cvs(12)
    r = client.post("/rank", files=as_files(cvs), data={"role_source": "default", "csrf_token": csrf(client)})
    assert r.status_code == 200, r.text
    page = _page(r)
    rows = [a for t, a in page.tags if t == "tr" and (a.get("id") or "").startswith("c")]
    assert len(rows) == len(cvs)
    for p in cvs:
        assert html.escape(p.name) in r.text
    kits = [a for t, a in page.tags if t == "section" and (a.get("id") or "").startswith("kit-")]
    assert len(kits) == min(10, len(cvs))
    links = {a["href"] for a in page.all("a") if (a.get("href") or "").startswith("#kit-")}
    assert links == {f"#{k['id']}" for k in kits}
    assert len(page.all("meter")) == 8 * len(cvs)


def test_rank_for_a_pasted_ad(client: TestClient) -> None:
    r = client.post(
        "/rank",
        files=as_files(demo_cvs(3)),
        data={"role_source": "ad", "ad": AD_SV, "csrf_token": csrf(client)},
    )
    assert r.status_code == 200
    assert "Role:" in r.text


def test_a_cv_that_copies_the_ad_is_flagged_on_the_rank_page(client: TestClient) -> None:
    """A user's test (h2, finding 14): a CV holding the ad word for word gets a "Check by hand" line."""
    ad = DEMO_AD.read_text(encoding="utf-8")
    pasted = ("copied.txt", ("Kassabiträde i en påhittad butik.\n\n" + ad).encode(), "text/plain")
    r = client.post(
        "/rank",
        files=[*as_files(demo_cvs(1)), ("cvs", pasted)],
        data={"role_source": "ad", "ad": ad, "csrf_token": csrf(client)},
    )
    assert r.status_code == 200
    assert r.text.count("word for word") == 1


def test_a_pasted_ad_is_ranked_for_though_the_built_in_role_stayed_chosen(client: TestClient) -> None:
    """A bug hunt (h2): the page opens with the built-in role chosen; a user who pasted the ad and pressed the
    button got the built-in role's ranking without a word about the ad."""
    r = client.post(
        "/rank",
        files=as_files(demo_cvs(2)),
        data={"role_source": "default", "ad": AD_SV, "csrf_token": csrf(client)},
    )
    assert r.status_code == 200, r.text
    assert "derived from a job ad" in r.text and "Social media specialist" not in r.text
    page = _page(r)
    (ad_choice,) = page.all("input", id="rs-ad")
    assert "checked" in ad_choice  # the page shows the choice it ranked for
    both = client.post(
        "/rank",
        files=[*as_files(demo_cvs(1)), ("role_file", ("role.txt", AD_SV.encode(), "text/plain"))],
        data={"role_source": "default", "ad": AD_SV, "csrf_token": csrf(client)},
    )
    assert both.status_code == 422 and "both filled in" in both.text


def test_rank_for_an_ad_outside_the_field_says_so_in_each_kit(client: TestClient) -> None:
    cvs = demo_cvs(3)
    r = client.post(
        "/rank",
        files=as_files(cvs),
        data={"role_source": "ad", "ad": PRESCHOOL_AD, "csrf_token": csrf(client)},
    )
    assert r.status_code == 200
    page = _page(r)
    kits = [a for t, a in page.tags if t == "section" and (a.get("id") or "").startswith("kit-")]
    warnings = [a for t, a in page.tags if t == "p" and a.get("class") == "warning"]
    assert len(kits) == len(cvs) == len(warnings)
    notes = ("does not ask for social-media competence", "efterfrågar inte kompetens inom sociala medier")
    assert sum(r.text.count(n) for n in notes) == len(cvs)
    assert not [a for t, a in page.tags if t == "h4"]  # no area section: the ad weighs none


@pytest.mark.parametrize(
    ("data", "with_files", "status"),
    [
        ({"role_source": "default"}, False, 422),
        ({"role_source": "ad", "ad": "  "}, True, 422),
        ({"role_source": "file"}, True, 422),
    ],
)
def test_rank_form_errors(client: TestClient, data: dict[str, str], with_files: bool, status: int) -> None:
    files = as_files(demo_cvs(1)) if with_files else [("cvs", ("", b""))]
    r = client.post("/rank", files=files, data={**data, "csrf_token": csrf(client)})
    assert r.status_code == status
    page = _page(r)
    assert page.all("div", role="alert")
    assert page.all("form", action="/rank"), "the form is shown again"


FRENCH_AD = (
    "Nous recherchons un responsable des réseaux sociaux pour gérer nos comptes Instagram et LinkedIn, "
    "créer du contenu et analyser les statistiques."
)


def marked_invalid(page: Elements, tag: str, field_id: str, help_id: str | None = None) -> bool:
    """The form control ``field_id`` is marked as the one at fault: aria-invalid, and described by the error
    box (after its help text, which it keeps)."""
    (control,) = page.all(tag, id=field_id)
    described = (control.get("aria-describedby") or "").split()
    return (
        control.get("aria-invalid") == "true"
        and bool(page.all("div", role="alert", id="form-error"))
        and described == [*([help_id] if help_id else []), "form-error"]
    )


@pytest.mark.parametrize(
    ("path", "data", "with_files", "field", "help_id"),
    [
        ("/rank", {"role_source": "ad", "ad": "  "}, True, ("textarea", "ad"), None),
        ("/rank", {"role_source": "default"}, False, ("input", "cvs"), "cvs-help"),
        ("/rank", {"role_source": "file"}, True, ("input", "role_file"), "role-file-help"),
        ("/review", {"text": FRENCH_AD}, False, ("textarea", "text"), "text-help"),
        ("/review", {"text": "  "}, False, ("textarea", "text"), "text-help"),
        ("/review", {"text": AD_SV, "lang": "fr"}, False, ("select", "lang"), None),
    ],
)
def test_a_form_error_marks_the_field_at_fault(
    client: TestClient,
    path: str,
    data: dict[str, str],
    with_files: bool,
    field: tuple[str, str],
    help_id: str | None,
) -> None:
    files = (as_files(demo_cvs(1)) if with_files else [("cvs", ("", b""))]) if path == "/rank" else None
    r = client.post(path, files=files, data={**data, "csrf_token": csrf(client)})
    assert r.status_code >= 400
    assert marked_invalid(_page(r), *field, help_id), r.text


def test_a_swedish_kit_on_the_rank_page_is_swedish_throughout(client: TestClient, engine: Engine) -> None:
    """The web kit names its parts with the CLI kit's labels (lang/sv/interview.json), marked lang="sv"."""
    cv = DEMO_CVS / "sv-09-seo-utvecklare.txt"
    r = client.post(
        "/rank", files=as_files([cv]), data={"role_source": "ad", "ad": AD_SV, "csrf_token": csrf(client)}
    )
    assert r.status_code == 200, r.text
    (kit,) = re.findall(r'<section class="card kit".*?</section>', r.text, re.DOTALL)
    labels = engine.interview_labels("sv")
    assert '<div lang="sv">' in kit and html.escape(labels["behavioural"]) in kit
    assert html.escape(labels["work_sample"]) in kit and html.escape(labels["how_to"]) in kit
    for english in ("behavioural:", "Work sample:", "(a must-have)", "How to use the kit"):
        assert english not in kit


def test_the_review_page_and_report_mark_the_ads_language(client: TestClient) -> None:
    token = csrf(client)
    page = _page(client.post("/review", data={"text": AD_SV, "title": "Kommunikatör", "csrf_token": token}))
    assert page.all("div", **{"class": "ad", "lang": "sv"}) and page.all("span", lang="sv")
    flags = [a for a in page.all("a") if (a.get("href") or "").startswith("#t")]
    assert flags and all(a.get("lang") == "sv" for a in flags)
    report = client.post("/review/report", data={"text": AD_SV, "title": "Kommunikatör", "csrf_token": token})
    assert (
        '<span lang="sv">Kommunikatör</span>' in report.text and '<div class="ad" lang="sv">' in report.text
    )


# -- an ad's file on /review -------------------------------------------------------------------------


def _ad_html(text: str) -> str:
    """The text of the highlighted ad on a review page (its marks, their hidden words for screen readers and
    the flag numbers taken out)."""
    ad_html = re.split(r'<div class="ad" lang="\w+">', text, maxsplit=1)[1].split("</div>", 1)[0]
    return html.unescape(
        re.sub(r'<sup>.*?</sup>|<span class="visually-hidden"[^>]*>.*?</span>|<[^>]+>', "", ad_html)
    )


@pytest.mark.parametrize("name", sorted(ad_files()))
def test_review_of_an_uploaded_ad_file(client: TestClient, engine: Engine, name: str) -> None:
    """Each format the ingest reads an ad from: the review is of the file's text, and the report's form
    carries that text, so the download is of the same ad."""
    data = ad_files()[name]
    token = csrf(client)
    r = client.post(
        "/review",
        data={"csrf_token": token, "text": "", "title": "", "lang": ""},
        files={"ad_file": (name, data)},
    )
    assert r.status_code == 200, r.text
    doc = engine.read_ad(name, data)
    assert _ad_html(r.text) == doc.text and "Påhittade Paraplyer AB söker" in doc.text
    assert f"Read from the file {name}." in r.text
    assert "Requires social media competence: <strong>yes</strong>" in r.text
    page = _page(r)
    report_form = {
        str(a["name"]): str(a["value"])
        for a in page.all("input", type="hidden")
        if a.get("name") in ("text", "title", "lang")
    }
    assert report_form == {"text": doc.text, "title": doc.title or "", "lang": "sv"}
    # "Edit and review again" starts from the text read, and the title the file named when none was typed
    (typed,) = re.findall(r'<textarea id="text"[^>]*>(.*?)</textarea>', r.text, re.DOTALL)
    assert html.unescape(typed) == doc.text
    (title,) = page.all("input", id="title")
    assert title.get("value") == (doc.title or "")
    report = client.post("/review/report", data={**report_form, "csrf_token": token})
    assert report.status_code == 200 and "attachment" in report.headers["content-disposition"]
    assert '<div class="ad" lang="sv">' in report.text and "Påhittade Paraplyer" in report.text


def test_the_other_language_of_an_uploaded_ad_still_names_its_file(
    client: TestClient, engine: Engine
) -> None:
    """The language switch sends the report form back to /review: an uploaded ad's form carries its file's
    name, so the Swedish review of it still says which file it read (it had said nothing)."""
    name, data = "annons.docx", ad_files()["ad.docx"]
    token = csrf(client)
    r = client.post(
        "/review",
        data={"csrf_token": token, "text": "", "title": "", "lang": ""},
        files={"ad_file": (name, data)},
    )
    assert r.status_code == 200 and f"Read from the file {name}." in r.text
    fields = {
        str(a["name"]): html.unescape(str(a.get("value") or ""))
        for a in _page(r).all("input", type="hidden")
        if a.get("name") in ("text", "title", "lang", "source")
    }
    assert fields["source"] == name
    swedish = client.post("/review?lang=sv", data={**fields, "csrf_token": token})
    assert swedish.status_code == 200 and f"Läst från filen {name}." in swedish.text
    # a name the form was given is shown as a file's base name only, escaped
    odd = client.post("/review", data={**fields, "source": "../x/<b>a.txt", "csrf_token": token})
    assert "Read from the file &lt;b&gt;a.txt." in odd.text and "<b>a.txt" not in odd.text
    # a pasted ad (no file) says nothing of a file, and its form carries no name
    pasted = client.post("/review", data={"csrf_token": token, "text": fields["text"]})
    assert "Read from the file" not in pasted.text and 'name="source"' not in pasted.text


def test_a_typed_title_and_language_go_before_the_files(client: TestClient) -> None:
    name, data = "ad.json", ad_files()["ad.json"]
    r = client.post(
        "/review",
        data={"csrf_token": csrf(client), "text": "", "title": "Min egen rubrik", "lang": "sv"},
        files={"ad_file": (name, data)},
    )
    assert r.status_code == 200 and '<span lang="sv">Min egen rubrik</span>' in r.text


ANOTHER_AD = {"headline": "Andra annonsen", "description": {"text": "Vi söker en säljare till butiken."}}


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("annons.pdf", b"%PDF-1.4 not really a PDF", "E104"),
        ("annons.doc", b"\xd0\xcf\x11\xe0 an old Word file", "E108"),
        ("annons.txt", b"", "E101"),
        ("annons.json", b"{not json", "E107"),
        ("annonser.jsonl", (json.dumps(ANOTHER_AD) + "\n" + json.dumps(ANOTHER_AD) + "\n").encode(), "E301"),
    ],
)
def test_a_bad_ad_file_is_named_and_the_form_keeps_what_was_typed(
    client: TestClient, name: str, data: bytes, code: str
) -> None:
    r = client.post(
        "/review",
        data={"csrf_token": csrf(client), "text": "", "title": "Min rubrik", "lang": "sv"},
        files={"ad_file": (name, data)},
    )
    assert 400 <= r.status_code < 500, r.text
    page = _page(r)
    assert marked_invalid(page, "input", "ad_file", "ad-file-help")
    (alert,) = re.findall(r'<div class="error" role="alert".*?</div>', r.text, re.DOTALL)
    assert name in alert and f"Error {code}" in alert
    (title,) = page.all("input", id="title")
    assert title.get("value") == "Min rubrik"
    assert [o.get("value") for o in page.all("option") if "selected" in o] == ["sv"]


def test_a_pasted_ad_and_a_file_together_are_refused(client: TestClient) -> None:
    """One or the other, never a silent choice: the text stays in the form to empty or keep."""
    token = csrf(client)
    r = client.post(
        "/review",
        data={"csrf_token": token, "text": AD_SV},
        files={"ad_file": ("ad.txt", ad_files()["ad.txt"])},
    )
    assert r.status_code == 422 and "E301" in r.text and "not both" in r.text and "ad.txt" in r.text
    assert marked_invalid(_page(r), "input", "ad_file", "ad-file-help")
    assert html.escape(AD_SV.splitlines()[0]) in r.text
    # a browser's unchosen file field (a part with no name and no bytes) beside a pasted ad: the paste
    r = client.post("/review", data={"csrf_token": token, "text": AD_SV}, files={"ad_file": ("", b"")})
    assert r.status_code == 200 and "Read from the file" not in r.text
    assert _ad_html(r.text) == document_from_text(AD_SV, kind="ad").text


def test_link_page(client: TestClient, engine: Engine) -> None:
    r = client.get("/link", params={"q": "community management"})
    if taxonomy_path(engine.data_dir).is_file():
        assert r.status_code == 200
        assert "Best matches" in r.text
    else:
        assert r.status_code == 503
        assert "kompetens setup" in r.text


def test_link_page_shows_the_confidence_where_it_is_given(client: TestClient, engine: Engine) -> None:
    if not taxonomy_path(engine.data_dir).is_file():
        pytest.skip("no taxonomy set up in this data folder")
    (found,) = engine.link(["sociala medier"], top=10)
    r = client.get("/link", params={"q": "sociala medier"})
    assert r.status_code == 200 and '<th scope="col">Confidence</th>' in r.text
    cells = re.findall(r"<td>(\d+) %</td>", r.text)
    given = [c.confidence for c in found.candidates if c.confidence is not None]
    assert cells == [f"{100 * c:.0f}" for c in given]  # a short phrase's first three skills, as Engine.link
    assert len(cells) <= 3


def test_link_page_shows_the_english_gloss_it_read(client: TestClient, engine: Engine) -> None:
    if not taxonomy_path(engine.data_dir).is_file():
        pytest.skip("no taxonomy set up in this data folder")
    gloss = engine.link(["skapa förtroende"])[0].gloss
    r = client.get("/link", params={"q": "skapa förtroende"})
    assert r.status_code == 200
    if gloss is None:  # an index without vectors reads no gloss
        assert "Also read as English" not in r.text
    else:
        assert f"Also read as English: “{gloss}”" in r.text
    assert "Also read as English" not in client.get("/link", params={"q": "build trust"}).text


def test_link_page_shows_the_tool_names_and_field_terms_it_read(client: TestClient, engine: Engine) -> None:
    if not taxonomy_path(engine.data_dir).is_file():
        pytest.skip("no taxonomy set up in this data folder")
    r = client.get("/link", params={"q": "länkbyggande i Power BI"})
    assert r.status_code == 200
    assert "Tool names and field terms read: länkbyggande, power bi." in r.text
    assert "field terms read" not in client.get("/link", params={"q": "bake bread"}).text


@pytest.mark.parametrize(("path", "status"), [("/no-such-page", 404), ("/link?kind=poem&q=x", 422)])
def test_error_pages_are_html(client: TestClient, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert _page(r).all("main", id="main")


def test_rank_thorough_checkbox_shows_skills(client: TestClient) -> None:
    r = client.post(
        "/rank",
        files=as_files(demo_cvs(2)),
        data={"role_source": "ad", "ad": AD_SV, "thorough": "on", "csrf_token": csrf(client)},
    )
    assert r.status_code == 200, r.text
    assert 'id="thorough"' in r.text and "checked" in r.text.split('id="thorough"')[1].split(">")[0]
    assert "Missing skills:" in r.text or "Matched skills:" in r.text


def test_rank_for_an_ad_shows_the_shared_wording(client: TestClient) -> None:
    """A role from an ad weighs the wording a CV in its language shares with it; the page says which words."""
    swedish = sorted(p for p in DEMO_CVS.iterdir() if p.name.startswith("sv-"))[:2]
    r = client.post(
        "/rank", files=as_files(swedish), data={"role_source": "ad", "ad": AD_SV, "csrf_token": csrf(client)}
    )
    assert r.status_code == 200, r.text
    assert "Wording shared with the ad:" in r.text
    r = client.post(
        "/rank",
        files=as_files(swedish),
        data={"role_source": "default", "csrf_token": csrf(client)},
    )
    assert r.status_code == 200, r.text
    assert "Wording shared with the ad:" not in r.text  # the built-in role has no wording


def test_rank_page_says_who_misses_a_must_have_by_the_area_s_name(client: TestClient) -> None:
    """Must-haves order the table before scores do: the page says so, and marks each candidate who misses
    one with the area's name, not its id."""
    role = (ROOT / "demo" / "roles" / "social_media_analyst.json").read_bytes()
    files = [*as_files(demo_cvs(12)), ("role_file", ("analyst.json", role))]
    r = client.post("/rank", files=files, data={"role_source": "file", "csrf_token": csrf(client)})
    assert r.status_code == 200, r.text
    rule = "Who shows more of the role&#39;s must-haves ranks first, whatever the score; among those who show"
    assert "misses a must-have: Data and insight" in r.text and rule in r.text
    assert "must-have come first" not in r.text
    assert "Missing must-haves:</strong> data_insight" not in r.text


def test_review_page_says_whose_law_the_flags_cite(client: TestClient) -> None:
    # stop 38: the page shows the report's "Rules:" line (jurisdiction) beside the grounds checked
    ad = (
        "Social Media Coordinator\n\nFictional Example Ltd is hiring in Stockholm. You will plan posts for "
        "Instagram and LinkedIn and answer comments. We are looking for a young and energetic person.\n"
    )
    r = client.post("/review", data={"text": ad, "title": "", "lang": "", "csrf_token": csrf(client)})
    assert r.status_code == 200
    assert "Rules: Swedish law (ad located in Sweden" in html.unescape(r.text)
    plain = "Social Media Coordinator\n\nYou will plan posts for Instagram and answer comments.\n"
    r = client.post("/review", data={"text": plain, "title": "", "lang": "en", "csrf_token": csrf(client)})
    assert "Rules: the ad does not say it is in Sweden" in html.unescape(r.text)
