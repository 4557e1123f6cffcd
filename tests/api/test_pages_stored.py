"""The web pages of stored work, per role: sign-in, rights as over the API, tenants apart, every form with its
CSRF token, user input escaped, and the structure assistive technology relies on."""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kompetens.api import create_app
from kompetens.engine import Engine

from .support import DEMO_AD, DEMO_CVS, DEMO_ROLES, TEST_HOSTS, Elements, csrf, demo_cvs

PASSWORD = "a long enough password"
ROLES = ("admin", "recruiter", "hiring_manager")


@dataclass
class Org:
    """One organisation's seeded work: a candidate, an ad, a role and a ranking (their ids)."""

    cid: str
    ad: str
    role: str
    ranking: str


@dataclass
class World:
    engine: Engine
    app: object
    a: Org
    b: Org

    def client(self, email: str | None = None) -> TestClient:
        """A browser, signed in as ``email`` (anonymous with None)."""
        client = TestClient(self.app, raise_server_exceptions=False)  # type: ignore[arg-type]
        if email is not None:
            data = {"csrf_token": csrf(client, "/login"), "email": email, "password": PASSWORD}
            r = client.post("/login", data=data, follow_redirects=False)
            assert r.status_code == 303, r.text
        return client

    def as_role(self, role: str, org: str = "a") -> TestClient:
        return self.client(f"{role}@{org}.example")


def _seed(engine: Engine, org_name: str, cv: Path) -> Org:
    org = engine.org_for(engine.accounts.user(f"admin@{org_name}.example"))
    cand = engine.add_candidate(org, cv.name, cv.read_bytes())
    engine.add_candidate(org, "second.txt", b"Social media-ansvarig. Instagram, LinkedIn, SEO.\n")
    ad = engine.add_ad(org, DEMO_AD.read_text(encoding="utf-8"), title="Social media specialist")
    role = engine.save_role(org, engine.role())
    ranking = engine.rank_stored(org, engine.role())
    return Org(cand.id, ad.id, role.id, ranking.id)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """Two organisations, a and b, each with an admin, a recruiter and a hiring manager who sign in with
    PASSWORD, and some stored work."""
    engine = Engine(tmp_path_factory.mktemp("pages-stored"))
    for org in ("a", "b"):
        for role in ROLES:
            engine.accounts.add_user(f"{role}@{org}.example", org=f"Org {org}", role=role, password=PASSWORD)
    cvs = demo_cvs(2)
    a, b = _seed(engine, "a", cvs[0]), _seed(engine, "b", cvs[1])
    return World(engine, create_app(engine, allowed_hosts=TEST_HOSTS), a, b)


def _get_pages(o: Org) -> list[str]:
    return [
        "/rank",
        "/candidates",
        f"/candidates/{o.cid}",
        f"/candidates/{o.cid}/explanation",
        f"/candidates/{o.cid}/export",
        f"/candidates/{o.cid}/file",
        f"/candidates/{o.cid}/erase",
        "/ads",
        f"/ads/{o.ad}",
        "/roles",
        f"/roles/{o.role}",
        "/rankings",
        f"/rankings/{o.ranking}",
        f"/rankings/{o.ranking}/candidates/{o.cid}/interview",
        "/retention",
        "/users",
        "/events",
    ]


ADMIN_ONLY = {"/users", "/events"}


def _may_get(role: str, path: str, o: Org) -> bool:
    if path in ADMIN_ONLY:
        return role == "admin"
    if path in (f"/candidates/{o.cid}/erase", "/rank"):
        return role in ("admin", "recruiter")
    if path in (f"/candidates/{o.cid}/export", f"/candidates/{o.cid}/file"):  # name-blind: not confirmed
        return role in ("admin", "recruiter")
    return True


def _html_pages(o: Org) -> list[str]:
    return [p for p in _get_pages(o) if not p.endswith(("/export", "/file"))]


# -- signed out, wrong role, other tenant ----------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(world: World) -> None:
    client = world.client()
    for path in _get_pages(world.a):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303, path
        assert r.headers["location"].startswith("/login?next="), path
    token = csrf(client, "/login")
    for path in ("/ads", "/roles", "/rankings", "/retention", "/users", f"/candidates/{world.a.cid}/erase"):
        r = client.post(path, data={"csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), path


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_pages_it_may_use_and_403_for_the_others(world: World, role: str) -> None:
    client = world.as_role(role)
    for path in _get_pages(world.a):
        r = client.get(path)
        if _may_get(role, path, world.a):
            assert r.status_code == 200, (role, path, r.status_code)
        else:
            assert r.status_code == 403 and "E504" in r.text, (role, path, r.status_code)


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("hiring_manager", "/candidates/{cid}/erase"),
        ("hiring_manager", "/rankings"),
        ("hiring_manager", "/ads/{ad}/delete"),
        ("hiring_manager", "/roles/{role}/delete"),
        ("hiring_manager", "/retention"),
        ("recruiter", "/retention"),
        ("recruiter", "/users"),
        ("recruiter", "/users/token"),
        ("recruiter", "/users/revoke"),
        ("recruiter", "/users/remove"),
        ("recruiter", "/users/password"),
        ("recruiter", "/users/role"),
        ("hiring_manager", "/users"),
    ],
)
def test_a_form_of_another_role_is_refused_with_403(world: World, role: str, path: str) -> None:
    client = world.as_role(role)
    target = path.format(cid=world.a.cid, ad=world.a.ad, role=world.a.role)
    data = {"csrf_token": csrf(client, "/candidates"), "days": "30", "email": "admin@a.example", "name": "x"}
    r = client.post(target, data=data, follow_redirects=False)
    assert r.status_code == 403 and "E504" in r.text, (role, target, r.status_code)
    assert world.engine.stored_candidate(
        world.engine.org_for(world.engine.accounts.user("admin@a.example")), world.a.cid
    )


def test_another_organisations_ids_are_404(world: World) -> None:
    client = world.as_role("admin")  # of organisation a; b's ids must look like ids that do not exist
    for path in _get_pages(world.b):
        if "/" + world.b.cid in path or world.b.ad in path or world.b.role in path or world.b.ranking in path:
            r = client.get(path)
            assert r.status_code == 404, (path, r.status_code)
    token = csrf(client, "/candidates")
    b = world.b
    for path in (
        f"/candidates/{b.cid}/erase",
        f"/ads/{b.ad}/delete",
        f"/ads/{b.ad}/role",
        f"/roles/{b.role}",
        f"/roles/{b.role}/delete",
        f"/rankings/{b.ranking}/confirm",
    ):
        r = client.post(path, data={"csrf_token": token, "title": "x", "w_community": "1"})
        assert r.status_code == 404, (path, r.status_code)
    r = client.post("/rankings", data={"csrf_token": token, "role_source": "ad", "ad_id": b.ad})
    assert r.status_code == 404 and "E512" in r.text
    r = client.post("/rankings", data={"csrf_token": token, "chose": "1", "candidates": b.cid})
    assert r.status_code == 404 and "E505" in r.text
    for path in ("/users/token", "/users/remove", "/users/revoke"):
        r = client.post(path, data={"csrf_token": token, "email": "recruiter@b.example", "token_id": "1"})
        assert r.status_code == 404 and "E502" in r.text, path
    org_b = world.engine.org_for(world.engine.accounts.user("admin@b.example"))
    assert next(c.id for c in world.engine.candidates(org_b)) == b.cid
    assert world.engine.accounts.user("recruiter@b.example").org == "Org b"


@pytest.mark.parametrize(
    ("role", "has", "lacks"),
    [
        ("admin", {"/rank", "/candidates", "/ads", "/roles", "/rankings", "/users", "/events"}, set()),
        ("recruiter", {"/rank", "/candidates", "/ads", "/roles", "/rankings"}, {"/users", "/events"}),
        ("hiring_manager", {"/candidates", "/ads", "/roles", "/rankings"}, {"/rank", "/users", "/events"}),
    ],
)
def test_navigation_links_only_the_pages_of_the_role(
    world: World, role: str, has: set[str], lacks: set[str]
) -> None:
    page = Elements(world.as_role(role).get("/candidates").text)
    nav = {a["href"] for a in page.all("a") if a.get("href")}
    assert has <= nav and not (lacks & nav), (role, nav)


def test_the_signed_out_sign_in_page_links_no_page(world: World) -> None:
    """Every page would send a signed-out visitor back to sign in: the page lists none of them (the API's description and reference are open)."""
    page = Elements(world.client().get("/login").text)
    assert not page.all("nav")
    hrefs = {a["href"] for a in page.all("a") if a.get("href")}
    # the footer's switch to the other language is this page again (``?lang=sv``)
    assert {h for h in hrefs if not (h or "").startswith("?lang=")} <= {
        "/",
        "#main",
        "/openapi.json",
        "/docs",
    }


def test_hiring_managers_see_no_upload_rank_or_erase_forms(world: World) -> None:
    client = world.as_role("hiring_manager")
    page = Elements(client.get("/candidates").text)
    assert not page.all("input", type="file")
    assert not [a for a in page.all("a") if (a.get("href") or "").endswith("/erase")]
    assert not page.all("form", action="/rankings")
    assert not Elements(client.get("/rankings").text).all("form", action="/rankings")


# -- CSRF and escaping ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/candidates",
        "/candidates/{cid}/erase",
        "/ads",
        "/ads/{ad}/role",
        "/ads/{ad}/delete",
        "/roles",
        "/roles/{role}",
        "/roles/{role}/delete",
        "/rankings",
        "/rankings/{ranking}/confirm",
        "/retention",
        "/users",
        "/users/token",
        "/users/revoke",
        "/users/remove",
        "/users/password",
        "/users/role",
    ],
)
def test_every_form_post_without_the_csrf_token_is_403(world: World, path: str) -> None:
    client = world.as_role("admin")
    a = world.a
    target = path.format(cid=a.cid, ad=a.ad, role=a.role, ranking=a.ranking)
    r = client.post(target, data={"email": "recruiter@a.example", "days": "1"}, follow_redirects=False)
    assert r.status_code == 403 and "security token" in r.text and "E518" in r.text, target
    r = client.post(target, data={"csrf_token": "0" * 64, "days": "1"}, follow_redirects=False)
    assert r.status_code == 403, target


def test_every_form_of_the_pages_carries_the_csrf_token(world: World) -> None:
    client = world.as_role("admin")
    posts = 0
    for path in _html_pages(world.a):
        for form in _forms(client.get(path).text):
            if form["method"] == "post":
                posts += 1
                assert form["csrf"], (path, form["action"])
    assert posts >= 15  # sign out on each page, and the pages' own forms


def _forms(text: str) -> list[dict[str, object]]:
    """Each form's method, action and whether it holds a non-empty csrf_token field."""
    out: list[dict[str, object]] = []
    for match in re.finditer(r"<form\b(.*?)>(.*?)</form>", text, flags=re.S):
        attrs, body = match.groups()
        method = re.search(r'method="(\w+)"', attrs)
        action = re.search(r'action="([^"]*)"', attrs)
        has = re.search(r'name="csrf_token" value="[0-9a-f]{64}"', body) is not None
        out.append(
            {
                "method": method.group(1) if method else "get",
                "action": action and action.group(1),
                "csrf": has,
            }
        )
    return out


SCRIPT = "<script>alert('kompetens')</script>"


def test_script_in_a_cv_and_its_file_name_is_shown_escaped(tmp_path: Path) -> None:
    engine = Engine(tmp_path)
    client = TestClient(create_app(engine, allowed_hosts=TEST_HOSTS), raise_server_exceptions=False)
    token = csrf(client, "/candidates")
    cv = (
        f"Kim Fiktiv {SCRIPT}\n\nErfarenhet\n2019 - nu Social media-ansvarig {SCRIPT}\n"
        f"Publicerar innehåll på Instagram och LinkedIn, sökmotoroptimering {SCRIPT}.\n"
    ).encode()
    name = "<img src=x onerror=alert(1)><script>.txt"  # a "/" would make a folder: no "</script>"
    r = client.post(
        "/candidates", data={"csrf_token": token}, files=[("cvs", (name, cv))], follow_redirects=False
    )
    assert r.status_code == 303
    (kept,) = engine.candidates(engine.org_for())
    assert kept.name == name  # kept as given, shown escaped
    r = client.post("/rankings", data={"csrf_token": token}, follow_redirects=False)
    rid = r.headers["location"].rsplit("/", 1)[-1]
    pages = [
        "/candidates",
        f"/candidates/{kept.id}",
        f"/candidates/{kept.id}/erase",
        f"/candidates/{kept.id}/explanation",
        f"/rankings/{rid}",
        "/rankings",
    ]
    for path in pages:
        text = client.get(path).text
        assert "<script>alert" not in text and "<img src=x" not in text, path
    shown = client.get(f"/candidates/{kept.id}").text
    assert html.escape(name) in shown
    explained = client.get(f"/candidates/{kept.id}/explanation").text
    assert "&lt;script&gt;" in explained or "script" not in explained.lower()
    ad = client.post(
        "/ads", data={"csrf_token": token, "text": f"Vi söker en kommunikatör. {SCRIPT}", "title": SCRIPT}
    )
    assert ad.status_code == 200 and "<script>alert" not in ad.text and "&lt;script&gt;" in ad.text


def test_a_file_download_is_never_shown_inline(world: World) -> None:
    r = world.as_role("recruiter").get(f"/candidates/{world.a.cid}/file")
    assert r.status_code == 200 and r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.content == demo_cvs(2)[0].read_bytes()


# -- the work itself --------------------------------------------------------------------------------


def test_the_explanation_page_is_in_the_cvs_language_and_offers_the_other(world: World) -> None:
    client = world.as_role("hiring_manager")
    path = f"/candidates/{world.a.cid}/explanation"
    english = client.get(path).text  # an English CV
    assert '<div lang="en">' in english and "You were ranked" in english
    assert f"explanation?ranking={world.a.ranking}&amp;lang=sv" in english and "På svenska" in english
    swedish = client.get(f"{path}?lang=sv").text
    assert (
        '<div lang="sv">' in swedish and "Du hamnade på plats" in swedish and "You were ranked" not in swedish
    )
    assert "&amp;lang=en" in swedish
    # the page around the text in its language: heading, lead line and back link marked with it
    for text, lang in ((english, "en"), (swedish, "sv")):
        words = world.engine.page_labels("explanation", lang)
        assert f'<h1 lang="{lang}">{html.escape(words["heading"])}</h1>' in text
        assert f'<p class="muted" lang="{lang}">{words["candidate"]} ' in text
        assert f'">{words["back"]}</a></p>' in text
    assert "Ditt resultat, förklarat" in swedish and "Tillbaka till kandidaten" in swedish
    for english_word in ("Your score, explained", "Candidate ", "Back to the candidate", "In Swedish"):
        assert english_word not in swedish
    assert "Ditt resultat" not in english and "Kandidat" not in english
    assert client.get(f"{path}?lang=fr").status_code == 422


def test_ad_to_role_to_versions_to_a_ranking_and_back(tmp_path: Path, database_url: str | None) -> None:
    engine = Engine(tmp_path, database_url=database_url)  # on each backend
    engine.accounts.add_user("rec@x.example", org="X", role="recruiter", password=PASSWORD)
    app = create_app(engine, allowed_hosts=TEST_HOSTS)
    client = TestClient(app, raise_server_exceptions=False)
    data = {"csrf_token": csrf(client, "/login"), "email": "rec@x.example", "password": PASSWORD}
    client.post("/login", data=data)
    token = csrf(client, "/ads")
    r = client.post("/ads", data={"csrf_token": token, "text": " "})
    assert r.status_code == 422 and 'aria-describedby="text-help form-error"' in r.text
    assert Elements(r.text).all("textarea", id="text", **{"aria-invalid": "true"})
    r = client.post(
        "/ads",
        data={"csrf_token": token, "text": DEMO_AD.read_text(encoding="utf-8"), "title": "SoMe"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].endswith("?done=ad-added")
    ad_id = r.headers["location"].split("/")[-1].split("?")[0]
    shown = client.get(r.headers["location"])
    assert Elements(shown.text).all("div", role="status") and "The ad was stored." in shown.text
    r = client.post(f"/ads/{ad_id}/role", data={"csrf_token": token}, follow_redirects=False)
    role_id = r.headers["location"].split("/")[-1].split("?")[0]
    v1 = engine.stored_role(engine.org_for(engine.accounts.user("rec@x.example")), role_id)
    assert v1.version == 1
    form = {
        "csrf_token": token,
        "title": "Community lead",
        "w_community": "1",
        "w_customer_service": "0.5",
        "must": "community",
    }
    r = client.post(f"/roles/{role_id}", data=form, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(f"/roles/{role_id}").text
    assert "Community lead, version 2" in page
    assert f"{v1.role.title}, version 1" in client.get(f"/roles/{role_id}?version=1").text
    bad = client.post(f"/roles/{role_id}", data={"csrf_token": token, "title": "x", "w_community": "many"})
    assert bad.status_code == 422 and Elements(bad.text).all(
        "input", id="w-community", **{"aria-invalid": "true"}
    )
    zero = client.post("/roles", data={"csrf_token": token, "title": "Nothing", "w_community": "0"})
    assert zero.status_code == 422 and "E300" in zero.text
    assert (
        client.post(
            "/rankings", data={"csrf_token": token, "role_source": "role", "role_id": role_id}
        ).status_code
        == 404
    )
    # store CVs (several files at once), then rank them for the stored role
    files = [("cvs", (p.name, p.read_bytes())) for p in demo_cvs(3)]
    r = client.post("/candidates", data={"csrf_token": token}, files=files[:1], follow_redirects=False)
    assert r.headers["location"] == "/candidates?done=added"
    # stop 38 (the a11y round): the page language chosen with ?lang= outlives the redirect after a form
    rest = files[1:]
    r = client.post("/candidates?lang=sv", data={"csrf_token": token}, files=rest, follow_redirects=False)
    assert r.headers["location"] == "/candidates?done=added&lang=sv"
    assert 'lang="sv"' in client.get(r.headers["location"]).text
    # the same files again, and an empty one: none stored, so no 200 (as the API answers)
    again = client.post("/candidates", data={"csrf_token": token}, files=files, follow_redirects=False)
    assert again.status_code == 409 and "E514" in again.text
    empty = [("cvs", ("tom.txt", b"  \n"))]
    r = client.post("/candidates", data={"csrf_token": token}, files=empty + files, follow_redirects=False)
    assert r.status_code == 422 and "tom.txt" in r.text  # the first unreadable file's status
    r = client.post(
        "/rankings",
        data={"csrf_token": token, "role_choice": f"role:{role_id}", "top": "2"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    rid = r.headers["location"].rsplit("/", 1)[-1]
    decision = engine.decision(engine.org_for(engine.accounts.user("rec@x.example")), rid)
    assert (decision.role_id, decision.role_version, len(decision.items)) == (role_id, 2, 2)
    r = client.post("/rankings", data={"csrf_token": token, "role_choice": "role:"})
    assert r.status_code == 404 and "E511" in r.text
    assert Elements(r.text).all("select", id="role_choice", **{"aria-invalid": "true"})
    r = client.post("/rankings", data={"csrf_token": token, "chose": "1"})  # no candidate ticked
    assert r.status_code == 422 and "E301" in r.text
    listed = client.get("/rankings").text
    assert f"/rankings/{rid}" in listed and "Community lead" in listed
    assert f"/roles/{role_id}?version=2" in client.get(f"/rankings/{rid}").text
    r = client.post("/rankings", data={"csrf_token": token, "top": "none"})
    assert r.status_code == 422 and Elements(r.text).all("input", id="top", **{"aria-invalid": "true"})
    # the ad's own role, deleting
    r = client.post(
        "/rankings", data={"csrf_token": token, "role_source": "ad", "ad_id": ad_id}, follow_redirects=False
    )
    assert r.status_code == 303
    assert (
        client.post(
            f"/roles/{role_id}/delete", data={"csrf_token": token}, follow_redirects=False
        ).status_code
        == 303
    )
    assert client.get(f"/roles/{role_id}").status_code == 404
    assert (
        client.post(f"/ads/{ad_id}/delete", data={"csrf_token": token}, follow_redirects=False).status_code
        == 303
    )
    assert client.get(f"/ads/{ad_id}").status_code == 404


def test_the_record_and_the_explanation_say_why_a_lower_score_stands_above(tmp_path: Path) -> None:
    """The SEO developer scores 37 and misses the analyst's data must-have: two who score 35 but show it
    stand above. The decision record says how many must-haves each shows and the rule; the candidate's
    explanation says why, in Swedish and in English."""
    engine = Engine(tmp_path)
    engine.accounts.add_user("admin@x.example", org="X", role="admin", password=PASSWORD)
    org = engine.org_for(engine.accounts.user("admin@x.example"))
    ids = {
        name: engine.add_candidate(org, name, (DEMO_CVS / name).read_bytes()).id
        for name in ("sv-09-seo-utvecklare.txt", "en-22-content-creator.md", "sv-15-ux-beteendevetare.txt")
    }
    role = engine.choose_role(role_file=DEMO_ROLES / "social_media_analyst.json")
    rid = engine.rank_stored(org, role).id
    client = TestClient(create_app(engine, allowed_hosts=TEST_HOSTS), raise_server_exceptions=False)
    data = {"csrf_token": csrf(client, "/login"), "email": "admin@x.example", "password": PASSWORD}
    client.post("/login", data=data)
    record = html.unescape(client.get(f"/rankings/{rid}").text)
    assert engine.order_rule() in record and "Must-haves shown" in record
    assert record.count("1 of 1") == 2 and "0 of 1" in record
    seo = ids["sv-09-seo-utvecklare.txt"]
    sv = html.unescape(client.get(f"/candidates/{seo}/explanation", params={"lang": "sv"}).text)
    assert "2 kandidater med lägre poäng står före dig" in sv and "du visar 0 av 1" in sv
    assert engine.order_rule("sv") in sv
    en = html.unescape(client.get(f"/candidates/{seo}/explanation", params={"lang": "en"}).text)
    assert "2 candidates with a lower score are placed above you" in en and engine.order_rule() in en
    above = engine.explain_candidate(org, ids["en-22-content-creator.md"], lang="en")
    assert not [t for t in above.text if "lower score" in t]


def test_a_stored_ranking_links_each_candidates_interview_kit(world: World) -> None:
    """As the /rank page's kits: the kit's own labels in its language (``Engine.interview_labels``), marked
    with ``lang``; the other language one link away. Every role may read it (hiring managers above all)."""
    engine, rid = world.engine, world.a.ranking
    org = engine.org_for(engine.accounts.user("admin@a.example"))
    client = world.as_role("hiring_manager")
    page = Elements(client.get(f"/rankings/{rid}").text)
    links = [a for a in page.all("a") if (a.get("href") or "").endswith("/interview")]
    inputs = engine.decision(org, rid).inputs
    assert [a["href"] for a in links] == [f"/rankings/{rid}/candidates/{c}/interview" for c in inputs]
    first = inputs.index(world.a.cid)  # an English CV: an English kit by default
    assert links[first].get("hreflang") == "en"
    shown = client.get(f"/rankings/{rid}/candidates/{world.a.cid}/interview")
    assert shown.status_code == 200
    english, swedish = engine.interview_labels("en"), engine.interview_labels("sv")
    assert f'<h1 lang="en">{english["title"]}: ' in shown.text and '<div lang="en">' in shown.text
    assert html.escape(str(english["behavioural"])) in shown.text
    other = [a for a in Elements(shown.text).all("a", hreflang="sv", lang="sv") if a["href"] != "?lang=sv"]
    # (``?lang=sv`` alone is the footer's switch of the page's own words, not the kit's)
    assert [a["href"] for a in other] == [f"/rankings/{rid}/candidates/{world.a.cid}/interview?lang=sv"]
    sv = client.get(other[0]["href"] or "").text
    assert f'<h1 lang="sv">{swedish["title"]}: ' in sv and '<div lang="sv">' in sv
    assert (
        html.escape(str(swedish["behavioural"])) in sv and html.escape(str(english["behavioural"])) not in sv
    )
    # the page around the kit in the kit's language too: its lead line, note and back link
    n = len(engine.decision(org, rid).items)
    for text, lang, ranked, back in (
        (shown.text, "en", rf"ranked \d+ of {n} in <a ", "Back to the ranking"),
        (sv, "sv", rf"plats \d+ av {n} i <a ", "Tillbaka till rankningen"),
    ):
        (lead,) = Elements(text).all("p", **{"class": "lead"})
        assert lead.get("lang") == lang
        assert re.search(rf'<p class="lead" lang="{lang}">[^<]* · {ranked}', text), text
        assert f'<p lang="{lang}"><a href="/rankings/{rid}">{back}</a></p>' in text
    assert f"of {n} in" not in sv and "ranked " not in sv
    assert "Back to the ranking" not in sv and "The same questions for every candidate" not in sv
    assert client.get(f"/rankings/{rid}/candidates/{world.a.cid}/interview?lang=fr").status_code == 422
    assert client.get(f"/rankings/{rid}/candidates/nosuch/interview").status_code == 404


def test_an_erased_candidates_kit_page_says_so(tmp_path: Path) -> None:
    engine = Engine(tmp_path)
    org = engine.org_for()
    gone = engine.add_candidate(org, "kim.txt", b"Social media-ansvarig. Instagram, LinkedIn, SEO.\n")
    (cv,) = demo_cvs(1)
    kept = engine.add_candidate(org, cv.name, cv.read_bytes())
    rid = engine.rank_stored(org, engine.role()).id
    client = TestClient(create_app(engine, allowed_hosts=TEST_HOSTS), raise_server_exceptions=False)
    assert client.get(f"/rankings/{rid}/candidates/{gone.id}/interview").status_code == 200
    engine.erase_candidate(org, gone.id)
    r = client.get(f"/rankings/{rid}/candidates/{gone.id}/interview")
    assert r.status_code == 404 and "E505" in r.text and "erased" in r.text
    assert not Elements(r.text).all("div", lang="sv") and not Elements(r.text).all("div", lang="en")
    ranking = client.get(f"/rankings/{rid}").text
    assert f"/candidates/{gone.id}/interview" not in ranking and f"/candidates/{kept.id}/interview" in ranking


def test_erasing_asks_first_then_erases_for_real(world: World) -> None:
    engine = world.engine
    org = engine.org_for(engine.accounts.user("recruiter@a.example"))
    kept = engine.add_candidate(org, "to-erase.txt", b"Community manager. Moderering, Discord.\n")
    client = world.as_role("recruiter")
    ask = client.get(f"/candidates/{kept.id}/erase")
    assert ask.status_code == 200 and "to-erase.txt" in ask.text and "cannot be undone" in ask.text
    assert engine.stored_candidate(org, kept.id).id == kept.id  # asking erased nothing
    (form,) = Elements(ask.text).all("form", action=f"/candidates/{kept.id}/erase")
    assert form["method"] == "post"
    token = csrf(client, f"/candidates/{kept.id}/erase")
    r = client.post(f"/candidates/{kept.id}/erase", data={"csrf_token": token})
    assert r.status_code == 200 and "The candidate was erased, for real." in r.text
    assert "to-erase.txt" not in r.text
    assert client.get(f"/candidates/{kept.id}").status_code == 404


def test_admin_adds_a_user_whose_token_is_shown_once(world: World) -> None:
    client = world.as_role("admin")
    token = csrf(client, "/users")
    r = client.post("/users", data={"csrf_token": token, "email": "new@a.example", "role": "hiring_manager"})
    assert r.status_code == 200
    (shown,) = re.findall(r"kmp_[A-Za-z0-9_-]{43}", r.text)
    assert world.engine.accounts.user_for_token(shown).email == "new@a.example"  # type: ignore[union-attr]
    again = client.get("/users").text
    assert shown not in again and "new@a.example" in again and "recruiter@b.example" not in again
    r = client.post("/users", data={"csrf_token": token, "email": "new@a.example", "role": "recruiter"})
    assert r.status_code == 409 and Elements(r.text).all(
        "input", id="email", **{"aria-describedby": "form-error"}
    )
    r = client.post("/users", data={"csrf_token": token, "email": "x@a.example", "role": "boss"})
    assert r.status_code == 422 and "E500" in r.text
    r = client.post("/users/token", data={"csrf_token": token, "email": "new@a.example", "name": "ATS"})
    (second,) = re.findall(r"kmp_[A-Za-z0-9_-]{43}", r.text)
    info = [t for t in world.engine.accounts.tokens("new@a.example") if t.name == "ATS"]
    r = client.post(
        "/users/revoke", data={"csrf_token": token, "email": "new@a.example", "token_id": str(info[0].id)}
    )
    assert r.status_code == 200 and "The token was revoked." in r.text
    assert world.engine.accounts.user_for_token(second) is None
    assert world.engine.accounts.user_for_token(shown) is not None
    r = client.post(
        "/users/revoke", data={"csrf_token": token, "email": "new@a.example", "token_id": str(info[0].id)}
    )
    assert r.status_code == 404
    r = client.post("/users/remove", data={"csrf_token": token, "email": "new@a.example"})
    assert r.status_code == 200 and "Remove new@a.example?" in r.text  # asks first
    assert world.engine.accounts.user_for_token(shown) is not None
    r = client.post("/users/remove", data={"csrf_token": token, "email": "new@a.example", "confirm": "yes"})
    assert r.status_code == 200 and "The user was removed" in r.text
    assert world.engine.accounts.user_for_token(shown) is None


def test_admin_gives_an_api_only_user_a_password_and_changes_roles(world: World) -> None:
    """Bug hunt 12, finding 5: a user added without a password could never sign in, and a role could only
    change by removing the user (their tokens, sessions and number gone)."""
    accounts = world.engine.accounts
    bo = accounts.add_user("api-only@a.example", org="Org a", role="recruiter")
    kept = accounts.issue_token("api-only@a.example").token
    client = world.as_role("admin")
    token = csrf(client, "/users")
    form = {"csrf_token": token, "email": "api-only@a.example"}
    r = client.post("/users/password", data=form | {"password": "kort"})
    assert r.status_code == 422 and "E301" in r.text
    r = client.post("/users/password", data=form | {"password": PASSWORD})
    assert r.status_code == 200 and "The password was set" in r.text
    world.client("api-only@a.example")  # signs in (asserts the 303)
    r = client.post("/users/role", data=form | {"role": "boss"})
    assert r.status_code == 422 and "E500" in r.text
    r = client.post("/users/role", data=form | {"role": "hiring_manager"})
    assert r.status_code == 200 and "The role was changed." in r.text
    assert accounts.user("api-only@a.example").role == "hiring_manager"
    assert accounts.user_for_token(kept) == accounts.user("api-only@a.example")  # same user, same token
    for path, extra in (("/users/password", {"password": PASSWORD}), ("/users/role", {"role": "admin"})):
        r = client.post(path, data=form | {"email": "admin@b.example"} | extra)
        assert r.status_code == 404 and "no such user in the organisation" in r.text  # another tenant
    events = [(e.event, e.user_id, e.object_id) for e in world.engine.records.events(bo.org_id)]
    admin = accounts.user("admin@a.example").id
    assert ("user.password", admin, str(bo.id)) in events and ("user.role", admin, str(bo.id)) in events
    accounts.remove_user("api-only@a.example")


def test_an_admin_cannot_tell_another_organisations_user_from_no_user(world: World) -> None:
    """A new user's bug hunt: the admin pages answered another organisation's user "no such user in the
    organisation" and an unknown email "no user '...'", telling who has an account elsewhere."""
    client = world.as_role("admin")
    token = csrf(client, "/users")

    def answer(path: str, email: str) -> tuple[int, str]:
        r = client.post(path, data={"csrf_token": token, "email": email, "token_id": "1", "name": "x"})
        return r.status_code, r.text.replace(email, "EMAIL")

    for path in ("/users/token", "/users/remove", "/users/revoke"):
        elsewhere, nobody = answer(path, "recruiter@b.example"), answer(path, "nobody@b.example")
        assert elsewhere[0] == 404 and "E502" in elsewhere[1], path
        assert elsewhere == nobody, path
    # a taken email answers alike, whoever has it (the email is the sign-in name, one across organisations)
    said: list[tuple[int, str]] = []
    for email in ("recruiter@a.example", "recruiter@b.example"):
        r = client.post("/users", data={"csrf_token": token, "email": email, "role": "admin"})
        error = re.search(r'id="form-error">(.*?)</div>', r.text, re.S)
        assert error is not None and "E501" in error.group(1), r.text
        said.append((r.status_code, error.group(1).replace(html.escape(email, quote=True), "EMAIL")))
    assert said[0] == said[1] and said[0][0] == 409


def test_users_page_needs_users(tmp_path: Path) -> None:
    client = TestClient(create_app(Engine(tmp_path), allowed_hosts=TEST_HOSTS), raise_server_exceptions=False)
    r = client.get("/users")
    assert r.status_code == 401 and "E503" in r.text
    assert "/users" not in {a.get("href") for a in Elements(client.get("/").text).all("a")}


def test_admin_sets_the_retention_periods(world: World) -> None:
    client = world.as_role("admin", org="b")
    # a user test's finding 23 (stop 36): the candidates page says when no period is set
    assert Elements(client.get("/candidates").text).all("p", id="retention-note")
    token = csrf(client, "/retention")
    r = client.post("/retention", data={"csrf_token": token, "days": "0", "event_days": "90"})
    assert r.status_code == 422 and "E301" in r.text
    assert Elements(r.text).all("input", id="days", **{"aria-invalid": "true"})
    assert "form-error" in (Elements(r.text).all("input", id="days")[0]["aria-describedby"] or "")
    r = client.post("/retention", data={"csrf_token": token, "days": "180", "event_days": "90"})
    assert r.status_code == 200 and "The retention periods were set." in r.text
    org = world.engine.org_for(world.engine.accounts.user("admin@b.example"))
    kept = world.engine.retention(org)
    assert (kept.candidate_days, kept.event_days) == (180, 90)
    assert "erased 180 days after" in world.as_role("hiring_manager", org="b").get("/retention").text
    assert not Elements(client.get("/candidates").text).all("p", id="retention-note")
    assert kept.ad_days is None and "kept until deleted" in client.get("/retention").text
    data = {"csrf_token": token, "days": "180", "event_days": "90", "ad_days": "60"}
    assert client.post("/retention", data=data).status_code == 200
    assert world.engine.retention(org).ad_days == 60
    assert Elements(client.get("/retention").text).all("input", id="ad_days", value="60")
    assert "deleted 60 days after" in client.get("/retention").text
    client.post("/retention", data={**data, "ad_days": ""})  # empty: kept until deleted
    assert world.engine.retention(org).ad_days is None


@pytest.mark.parametrize(
    ("path", "data", "field"),
    [
        ("/users", {"email": "short@a.example", "role": "recruiter", "password": "kort"}, "password"),
        ("/ads", {"title": "An ad", "text": "  "}, "text"),
        ("/retention", {"days": "0", "event_days": "90"}, "days"),
        ("/rankings", {"top": "none"}, "top"),
        ("/rankings/{ranking}/confirm", {"reason": ""}, "reason"),
    ],
)
def test_every_stored_work_form_marks_the_field_at_fault(
    world: World, path: str, data: dict[str, str], field: str
) -> None:
    client = world.as_role("admin")
    ranking = world.engine.decision(
        world.engine.org_for(world.engine.accounts.user("admin@a.example")), world.a.ranking
    )
    if path.endswith("/confirm"):  # the system's order turned round, with no reason
        data = data | {f"pos_{c}": str(len(ranking.inputs) - i) for i, c in enumerate(ranking.inputs)}
    r = client.post(path.format(ranking=world.a.ranking), data={**data, "csrf_token": csrf(client, "/ads")})
    assert r.status_code >= 400, r.text
    page = Elements(r.text)
    (control,) = [a for t, a in page.tags if a.get("id") == field and t in ("input", "textarea", "select")]
    assert control.get("aria-invalid") == "true"
    assert (control.get("aria-describedby") or "").split()[-1] == "form-error"
    assert page.all("div", role="alert", id="form-error")


def test_the_event_log_form_marks_a_bad_day(world: World) -> None:
    r = world.as_role("admin").get("/events", params={"since": "yesterday"})
    (control,) = Elements(r.text).all("input", id="since")
    assert r.status_code >= 400 and control.get("aria-invalid") == "true"


def test_event_log_page_holds_no_names(world: World) -> None:
    client = world.as_role("admin")
    text = _main(client.get("/events").text)
    assert "candidate.add" in text and "ranking.create" in text
    assert demo_cvs(2)[0].name not in text and "second.txt" not in text and "@a.example" not in text
    assert client.get("/events?since=yesterday").status_code == 422
    assert "candidate.add" not in client.get("/events?since=2999-01-01").text


# -- structure for assistive technology --------------------------------------------------------------


def _main(text: str) -> str:
    return text[text.index("<main") : text.index("</main>")]


def _headings(text: str) -> list[int]:
    return [int(tag[1]) for tag, _ in Elements(text).tags if re.fullmatch(r"h[1-6]", tag)]


@pytest.mark.parametrize("role", ["admin", "hiring_manager"])
def test_pages_have_ordered_headings_labels_scoped_headers_and_a_skip_link(world: World, role: str) -> None:
    client = world.as_role(role)
    for path in _html_pages(world.a):
        r = client.get(path)
        if r.status_code != 200:
            continue
        page = Elements(r.text)
        levels = _headings(r.text)
        assert levels[0] == 1 and levels.count(1) == 1, path
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (path, levels)
        assert page.all("a", href="#main", **{"class": "skip"}) and page.all("main", id="main"), path
        labelled = {a.get("for") for a in page.all("label")}
        for tag in ("input", "textarea", "select"):
            for a in page.all(tag):
                if a.get("type") not in ("hidden", "submit"):
                    assert a.get("id") in labelled, (path, a)
        for th in page.all("th"):
            assert th.get("scope") in ("col", "row"), (path, th)
        assert page.all("div", role="status"), path
        assert page.all("a", href="/docs"), path  # the API reference, served from here (api/apidocs.py)
        ids = [a["id"] for _, a in page.tags if a.get("id")]
        assert len(ids) == len(set(ids)), (path, ids)


def test_status_message_is_a_fixed_text(world: World) -> None:
    client = world.as_role("recruiter")
    assert "The CVs were stored." in client.get("/candidates?done=added").text
    r = client.get("/candidates?done=%3Cscript%3E")
    assert "<script>" not in r.text and Elements(r.text).all("div", role="status")


def test_home_offers_ranking_only_to_those_who_may(world: World) -> None:
    hrefs = {a.get("href") for a in Elements(world.as_role("hiring_manager").get("/").text).all("a")}
    assert "/rank" not in hrefs and {"/candidates", "/ads", "/roles", "/rankings"} <= hrefs
    assert "/rank" in {a.get("href") for a in Elements(world.as_role("recruiter").get("/").text).all("a")}


def test_open_mode_offers_every_stored_work_page(tmp_path: Path) -> None:
    engine = Engine(tmp_path)
    org = engine.org_for()
    kept = engine.add_candidate(org, "kim.txt", b"Social media-ansvarig. Instagram, LinkedIn, SEO.\n")
    ad = engine.add_ad(org, DEMO_AD.read_text(encoding="utf-8"))
    role = engine.save_role(org, engine.role())
    rid = engine.rank_stored(org, engine.role()).id
    client = TestClient(create_app(engine, allowed_hosts=TEST_HOSTS), raise_server_exceptions=False)
    for path in _get_pages(Org(kept.id, ad.id, role.id, rid)):
        assert client.get(path).status_code == (401 if path == "/users" else 200), path
    nav = {a.get("href") for a in Elements(client.get("/").text).all("a")}
    assert {"/rank", "/candidates", "/ads", "/roles", "/rankings", "/retention", "/events"} <= nav


def test_the_rank_form_says_signed_in_rankings_keep_the_cvs(world: World, tmp_path: Path) -> None:
    help_text = html.unescape(world.as_role("recruiter").get("/rank").text)  # an apostrophe is &#39;
    assert "kept as your organisation's candidates" in help_text and "not stored" not in help_text
    open_mode = TestClient(create_app(Engine(tmp_path), allowed_hosts=TEST_HOSTS))
    assert "not stored" in open_mode.get("/rank").text  # no users: nothing is kept


def test_the_rankings_page_pages_back_to_the_oldest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the API lists every decision record page by page, the page links older and newer rankings, and
    says which of how many it shows."""
    from kompetens.api import stored_pages

    monkeypatch.setattr(stored_pages, "RANKINGS_SHOWN", 2)
    engine = Engine(tmp_path)
    org = engine.org_for()
    engine.add_candidate(org, "cv.txt", b"Social media-ansvarig. Instagram, LinkedIn, SEO.\n")
    made = [engine.rank_stored(org, engine.role()).id for _ in range(3)]
    client = TestClient(create_app(engine, allowed_hosts=TEST_HOSTS), raise_server_exceptions=False)
    first = client.get("/rankings")
    assert (
        "Rankings 1-2 of 3" in first.text and "?offset=2" in first.text and "Newer rankings" not in first.text
    )
    older = client.get("/rankings?offset=2")
    assert "Rankings 3-3 of 3" in older.text and "Older rankings" not in older.text
    assert "Newer rankings" in older.text and f"/rankings/{made[0]}" in older.text
    assert f"/rankings/{made[0]}" not in first.text
    assert "No rankings this far back" in client.get("/rankings?offset=9").text


# -- headers: nothing with personal data is cached, nothing is sniffed --------------------------------


def _routes(routes: list[Any]) -> list[tuple[str, str]]:
    """Every (method, path) the app answers, through the routers it includes (a new route is in it)."""
    found: list[tuple[str, str]] = []
    for route in routes:
        if hasattr(route, "original_router"):
            found += _routes(route.original_router.routes)
        elif getattr(route, "methods", None):
            found += [(m, route.path) for m in sorted(route.methods) if m != "HEAD"]
    return found


def _filled(path: str, o: Org, *, real: bool) -> str:
    """``path`` with its parameters: organisation a's ids for reading, ids that exist nowhere for writing (a
    DELETE must not erase the world the other tests use)."""
    ids = {"cid": o.cid, "ad_id": o.ad, "role_id": o.role, "rid": o.ranking, "jid": "nojob"}
    ids |= {"email": "admin@a.example", "token_id": "999"}
    if not real:
        ids |= {k: "nosuch" for k in ("cid", "ad_id", "role_id", "rid")} | {"email": "no@a.example"}
    return re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], path)


def test_every_response_but_static_assets_is_no_store_and_nosniff(world: World) -> None:
    browser = world.as_role("admin")
    bearer = {"Authorization": f"Bearer {world.engine.accounts.issue_token('admin@a.example').token}"}
    routes = _routes(world.app.routes)  # type: ignore[attr-defined]
    assert ("GET", "/candidates/{cid}/export") in routes
    assert ("GET", "/api/v1/candidates/{cid}/file") in routes
    for method, path in routes:
        if path == "/static":
            continue
        url = _filled(path, world.a, real=method == "GET")
        headers = bearer if path.startswith("/api/") else {}
        r = browser.request(method, url, headers=headers, follow_redirects=False)
        assert r.headers.get("cache-control") == "no-store", (method, url, r.status_code)
        assert r.headers.get("x-content-type-options") == "nosniff", (method, url, r.status_code)
    static = browser.get("/static/kompetens.css")
    assert static.status_code == 200 and "no-store" not in static.headers.get("cache-control", "")
    assert static.headers["x-content-type-options"] == "nosniff"


def test_the_downloads_with_the_cv_are_not_cached(world: World) -> None:
    browser = world.as_role("recruiter")
    bearer = {"Authorization": f"Bearer {world.engine.accounts.issue_token('recruiter@a.example').token}"}
    cid = world.a.cid
    for path in (f"/candidates/{cid}", f"/candidates/{cid}/export", f"/candidates/{cid}/file"):
        r = browser.get(path)
        assert r.status_code == 200 and r.headers["cache-control"] == "no-store", path
    r = browser.get(f"/api/v1/candidates/{cid}/export", headers=bearer)
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    assert r.headers["x-content-type-options"] == "nosniff"
