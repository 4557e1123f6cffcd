"""The bias audit (issue #13): the LL144 arithmetic against hand-computed examples, the groups file, the
synthetic pool's construction, and that its markers change no score."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompetens.engine import Engine
from kompetens.errors import KompetensError
from kompetens.match import CategoryAudit, Member, default_role, score
from kompetens.match.anonymize import anonymize
from kompetens.match.audit import (
    age_band,
    audit_ranking,
    audit_scores,
    group_rates,
    match_groups,
    parse_groups,
    select,
    sex_of,
)
from kompetens.match.synthetic import AGES, GROUPS, synthetic_pool

from .support import DEMO_ROLES

AS_OF = date(2026, 11, 27)
F, M = Member("female", "30-39"), Member("male", "50+")


def _result(
    results: list[CategoryAudit], category: str, measure: str
) -> dict[str, tuple[int, int, float | None]]:
    for r in results:
        if r.category == category and r.measure == measure:
            return {
                g.group: (g.n, g.hits, None if g.impact_ratio is None else round(g.impact_ratio, 4))
                for g in r.groups
            }
    raise KeyError(category)


# -- the arithmetic -----------------------------------------------------------------------------------


def test_scoring_and_selection_rates_by_hand() -> None:
    # 10 candidates, best first. Median of the scores = (60 + 50) / 2 = 55: above it a, b, c, d, e.
    # Women a b d g i (5): above the median a b d = 3/5 = 0.6; men c e f h j (5): c e = 2/5 = 0.4.
    # Impact ratio of men = 0.4 / 0.6 = 0.6667 < 0.8: flagged. Top 3 = a b c: women 2/5, men 1/5 -> 0.5.
    ranking = [
        ("a", 90),
        ("b", 80),
        ("c", 70),
        ("d", 65),
        ("e", 60),
        ("f", 50),
        ("g", 40),
        ("h", 30),
        ("i", 20),
        ("j", 10),
    ]
    members = {s: Member("female" if s in "abdgi" else "male", "30-39") for s, _ in ranking}
    results, mid, selected, how = audit_scores([(s, float(v)) for s, v in ranking], members, top=3)
    assert mid == 55.0 and selected == 3 and how == "top 3"
    assert _result(results, "sex", "scoring_rate") == {"female": (5, 3, 1.0), "male": (5, 2, 0.6667)}
    assert _result(results, "sex", "selection_rate") == {"female": (5, 2, 1.0), "male": (5, 1, 0.5)}
    sex = next(r for r in results if r.category == "sex" and r.measure == "scoring_rate")
    assert sex.flagged == ["male"] and sex.lowest_ratio == pytest.approx(2 / 3)


def test_threshold_selection_and_ties_at_the_median() -> None:
    # Scores 50 50 50 40: median 50, nobody strictly above it except none -> every scoring rate 0, no ratio.
    ranking = [("a", 50.0), ("b", 50.0), ("c", 50.0), ("d", 40.0)]
    members = {"a": F, "b": M, "c": F, "d": M}
    results, mid, selected, how = audit_scores(ranking, members, threshold=45)
    assert mid == 50.0 and selected == 3 and how == "score >= 45"
    assert _result(results, "sex", "scoring_rate") == {"female": (2, 0, None), "male": (2, 0, None)}
    # selected: women a c (2/2), men b (1/2): ratio 0.5
    assert _result(results, "sex", "selection_rate") == {"female": (2, 2, 1.0), "male": (2, 1, 0.5)}


def test_unknown_and_tiny_groups_are_counted_but_left_out_of_the_ratios() -> None:
    # 100 candidates: 60 women (30 hits), 39 men (13 hits), 1 "other" (1 hit) = 1 % of the pool.
    hits = {f"w{i}": i < 30 for i in range(60)} | {f"m{i}": i < 13 for i in range(39)} | {"x": True}
    members = {s: Member("female" if s[0] == "w" else "male" if s[0] == "m" else "other") for s in hits}
    members.pop("m0")  # not in the groups file: unknown
    rates = {g.group: g for g in group_rates(hits, members, "sex")}
    assert (rates["female"].rate, rates["female"].impact_ratio) == (0.5, 1.0)
    assert rates["male"].n == 38 and rates["male"].hits == 12
    assert rates["male"].impact_ratio == pytest.approx((12 / 38) / 0.5)
    assert rates["other"].impact_ratio is None and "under 2%" in rates["other"].note
    assert rates["unknown"].n == 1 and rates["unknown"].impact_ratio is None
    assert list(rates) == ["female", "male", "other", "unknown"]  # unknown last


def test_intersectional_groups_and_small_group_note() -> None:
    hits = {"a": True, "b": False, "c": True, "d": True}
    members = {"a": F, "b": F, "c": M, "d": Member("male", "unknown")}
    rates = {g.group: g for g in group_rates(hits, members, "sex_age")}
    assert rates["female 30-39"].rate == 0.5 and rates["male 50+"].rate == 1.0
    assert rates["female 30-39"].impact_ratio == 0.5 and rates["female 30-39"].flagged
    assert rates["unknown"].n == 1
    assert "small group" in rates["male 50+"].note


def test_report_notes_ungrouped_and_unmatched() -> None:
    report = audit_ranking(
        "R", [("x/a.txt", 60.0), ("x/b.txt", 40.0)], {"a.txt": F, "zzz.txt": M}, pool="folder", top=1
    )
    assert report.ungrouped == ["x/b.txt"] and report.unmatched == 1
    assert report.notes[0].startswith("not measured") and report.notes[1].startswith("1 CV(s) not named")
    one = audit_ranking("R", [("a.txt", 50.0)], {"a.txt": F}, pool="folder")
    assert not any(n.startswith("left out") for n in one.notes)  # a ratio of none is not a group left out
    assert any("same score" in n for n in one.notes)
    with pytest.raises(KompetensError) as err:
        audit_ranking("R", [], {}, pool="folder")
    assert err.value.code.name == "E301"


def test_a_tie_the_cut_off_splits_shares_its_slots() -> None:
    """Bug hunt 12, F1: the top N cut through tied candidates and the file-name tie-break decided the rates.
    Top 2 of a (90), b c d e (tied at 50), f: a is selected, and b c d e share the one slot left, 1/4 each.
    Women a b d: 1 + 1/4 + 1/4 = 1.5 of 3 = 0.5; men c e f: 1/4 + 1/4 = 0.5 of 3 = 1/6; ratio 1/3."""
    ranking = [("a", 90.0), ("b", 50.0), ("c", 50.0), ("d", 50.0), ("e", 50.0), ("f", 10.0)]
    members = {s: Member("female" if s in "abd" else "male", "30-39") for s, _ in ranking}
    report = audit_ranking("R", ranking, members, pool="folder", top=2)
    sex = next(r for r in report.results if r.category == "sex" and r.measure == "selection_rate")
    female, male = sex.groups
    assert (female.hits, female.expected_hits, female.rate) == (2, 1.5, 0.5)  # the ranking's cut: a b
    assert (male.hits, male.expected_hits, male.rate) == (0, 0.5, pytest.approx(1 / 6))
    assert male.impact_ratio == pytest.approx(1 / 3)
    assert (report.selected, report.tied, report.tied_slots) == (2, 4, 1)
    assert any(n.startswith("4 candidates tie") and "1/4 selected" in n for n in report.notes)


def test_no_tie_is_shared_where_must_haves_ordered_equal_scores_or_a_threshold_cuts() -> None:
    ranking = [("a", 50.0), ("b", 50.0), ("c", 50.0)]
    by_must_haves = select(ranking, top=1, must_haves_met={"a": 2, "b": 1, "c": 1})
    assert by_must_haves.tied == 0 and by_must_haves.shares == {"a": 1.0, "b": 0.0, "c": 0.0}
    tied = select(ranking, top=1, must_haves_met={"a": 1, "b": 1, "c": 0})
    assert (tied.tied, tied.tied_slots, tied.shares["c"]) == (2, 1, 0.0) and tied.shares["a"] == 0.5
    by_score = select(ranking, threshold=50)
    assert by_score.tied == 0 and by_score.selected == 3
    assert select(ranking, top=3).tied == 0  # the cut leaves nobody of the tie out


def test_report_names_the_groups_rows_that_name_no_cv() -> None:
    report = audit_ranking(
        "R", [("a.txt", 60.0), ("b.txt", 40.0)], {"a.txt": F, "b.txt": M, "ghost.pdf": F}, pool="folder"
    )
    assert report.unmatched == 1 and report.unmatched_rows == ("ghost.pdf",)
    assert "1 row of the groups file names no CV in the pool (check the spelling): ghost.pdf" in report.notes


# -- groups files -------------------------------------------------------------------------------------


def test_age_bands_and_sex_words() -> None:
    assert [age_band(a) for a in (None, 18, 29, 30, 39, 40, 49, 50, 70)] == [
        "unknown",
        "under 30",
        "under 30",
        "30-39",
        "30-39",
        "40-49",
        "40-49",
        "50+",
        "50+",
    ]
    assert [sex_of(v) for v in ("F", "Kvinna", "male", "", None, "unknown", "non-binary")] == [
        "female",
        "female",
        "male",
        "unknown",
        "unknown",
        "unknown",
        "other",
    ]


def test_groups_csv_and_json() -> None:
    csv_text = "file;sex;birth_year\ncv1.txt;female;1990\ncv2.txt;M;\n"
    assert parse_groups(csv_text, name="g.csv", as_of=AS_OF) == {
        "cv1.txt": Member("female", "30-39"),
        "cv2.txt": Member("male", "unknown"),
    }
    json_text = '{"cv1.txt": {"sex": "female", "age": 52}, "cv2.txt": {"age_band": "under 30"}}'
    assert parse_groups(json_text.encode(), name="g.json", as_of=AS_OF) == {
        "cv1.txt": Member("female", "50+"),
        "cv2.txt": Member("unknown", "under 30"),
    }


@pytest.mark.parametrize(
    "text",
    ["", "name,sex\na,f\n", "file,sex,age\na.txt,f,old\n", "file,age_band\na.txt,60-69\n", "[1, 2]", "{bad"],
)
def test_bad_groups_files_are_e113(text: str) -> None:
    with pytest.raises(KompetensError) as err:
        parse_groups(text, name="g", as_of=AS_OF)
    assert err.value.code.name == "E113"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("file,age\na.txt,250\n", "age 250 is outside the ages allowed, 14-100"),
        (
            "file,birth_year\na.txt,1850\n",
            "birth_year 1850 gives an age of 176, outside the ages allowed, 14-100 (birth years 1926-2012)",
        ),
    ],
)
def test_an_age_out_of_range_says_the_range(text: str, message: str) -> None:
    """Bug hunt 12, F10: "age 250 gives an age of 250" named no range to fix it by."""
    with pytest.raises(KompetensError) as err:
        parse_groups(text, name="g.csv", as_of=AS_OF)
    assert err.value.code.name == "E113" and message in str(err.value)


def test_groups_match_by_path_or_file_name() -> None:
    members, missing, unmatched = match_groups(
        ["pool/a.txt", "b.jsonl#2", "c.txt"], {"a.txt": F, "b.jsonl": M}
    )
    assert (
        members["pool/a.txt"] == F and members["b.jsonl#2"] == M and missing == ["c.txt"] and unmatched == []
    )


# -- the synthetic pool -------------------------------------------------------------------------------


def test_every_template_is_rendered_once_per_group() -> None:
    pool = synthetic_pool(default_role(), 203, seed=5, as_of=AS_OF)
    assert len(pool) == 200 and len({cv.source for cv in pool}) == 200
    by_template: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for cv in pool:
        by_template[cv.template].append((cv.member.sex, cv.member.age_band))
    assert all(sorted(groups) == sorted(GROUPS) for groups in by_template.values())
    assert synthetic_pool(default_role(), 64, seed=5, as_of=AS_OF) == synthetic_pool(
        default_role(), 64, seed=5, as_of=AS_OF
    )


def test_markers_are_in_the_text_and_consistent_with_age() -> None:
    for cv in synthetic_pool(default_role(), 80, seed=2, as_of=AS_OF):
        low, high = AGES[cv.member.age_band]
        born = re.search(r"(?:Born|Född) (\d{4})", cv.text)
        age = re.search(r"(?:Age|Ålder): (\d+)", cv.text)
        assert born or age
        years = AS_OF.year - int(born.group(1)) if born else int(age.group(1)) if age else -1
        assert low <= years <= high
        graduated = int(re.findall(r", (\d{4})\n", cv.text)[-1])
        first_job = min(int(y) for y in re.findall(r"^(\d{4}) –", cv.text, flags=re.M))
        assert graduated <= first_job and graduated - (AS_OF.year - years) >= 18
        assert "fictional" in cv.text or "påhittat" in cv.text
        assert "@example.org" in cv.text


def test_anonymised_copies_differ_in_the_graduation_year_only() -> None:
    # The scorer sees the anonymised text. Of the markers, only the graduation year (education is not
    # experience: no years, no recency) and what the anonymiser leaves of a parent word ("of two", the
    # same for mothers and fathers, on the marker line) are left.
    texts: dict[int, set[str]] = defaultdict(set)
    markers: set[str] = set()
    for cv in synthetic_pool(default_role(), 96, seed=3, as_of=AS_OF):
        lines = anonymize(cv.text, keep_length=False).text.splitlines()
        markers.add(lines.pop(4).strip())
        texts[cv.template].add(re.sub(r", \d{4}$", ", YEAR", "\n".join(lines), flags=re.M))
    assert all(len(v) == 1 for v in texts.values()), "a marker survived anonymisation"
    assert markers == {"·", "·   of two", "·   till två"}


def test_lacking_removes_one_area_from_one_group() -> None:
    pool = synthetic_pool(default_role(), 64, seed=1, as_of=AS_OF, lacking=("50+", "data_insight"))
    old = [cv.text for cv in pool if cv.member.age_band == "50+"]
    assert not any("Google Analytics" in t or "dataanalys" in t for t in old)
    with pytest.raises(KompetensError):
        synthetic_pool(default_role(), 64, lacking=("teenagers", "data_insight"))
    with pytest.raises(KompetensError):
        synthetic_pool(default_role(), 7)


# -- with the real engine -----------------------------------------------------------------------------


@pytest.mark.parametrize("role_file", [None, "community_manager.yaml"])
def test_markers_change_no_score(engine: Engine, role_file: str | None) -> None:
    """Changing only the markers (name, birth year or age, gender words, pronouns) changes no score."""
    role = default_role() if role_file is None else engine.role(DEMO_ROLES / role_file)
    docs, _groups = engine.synthetic_pool(role, 96, seed=11)
    template = {cv.source: cv.template for cv in synthetic_pool(role, 96, 11)}
    scores: dict[int, set[float]] = defaultdict(set)
    for doc in docs:
        scores[template[doc.source]].add(score(engine.candidate(doc), role).score)
    assert len(scores) == 12 and all(len(s) == 1 for s in scores.values())
    assert len({min(s) for s in scores.values()}) > 3, "the templates differ in competence"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(min_value=8, max_value=160),
    seed=st.integers(min_value=0, max_value=10_000),
    cut=st.one_of(st.integers(min_value=1, max_value=160), st.none()),
)
def test_an_equal_pool_passes_whatever_the_cut(engine: Engine, n: int, seed: int, cut: int | None) -> None:
    """Bug hunt 12, F1: equal competence in every group, so every group's expected selection is the same
    wherever the top N cuts the eight tied copies of a template (before: 0.67 for --top 10, seed 1)."""
    report = engine.audit_synthetic(default_role(), n, seed=seed, top=cut)
    assert report.candidates == n // 8 * 8 and report.synthetic_requested == n
    assert report.four_fifths_ok is True, report.notes
    for r in report.results:
        if r.measure == "selection_rate":
            assert all(g.impact_ratio == pytest.approx(1.0) for g in r.groups), r


def test_a_synthetic_pool_says_why_it_has_fewer_cvs_than_asked(engine: Engine) -> None:
    report = engine.audit_synthetic(default_role(), 20, seed=0)
    assert report.candidates == 16 and report.synthetic_requested == 20
    assert report.notes[0].startswith("--synthetic 20: 16 CVs (a multiple of 8")
    exact = engine.audit_synthetic(default_role(), 16, seed=0)
    assert exact.synthetic_requested == 16 and not exact.notes[0].startswith("--synthetic")


def test_engine_audit_of_an_equal_pool(engine: Engine) -> None:
    report = engine.audit_synthetic(default_role(), 96, seed=4, top=24)
    assert report.candidates == 96 and report.pool == "synthetic" and report.seed == 4
    assert report.four_fifths_ok
    for r in report.results:
        if r.measure == "scoring_rate":
            assert all(g.impact_ratio == 1.0 for g in r.groups), r
    biased = engine.audit_synthetic(default_role(), 96, seed=4, top=24, lacking=("female", "strategy"))
    assert not biased.four_fifths_ok
    assert "female" in next(r for r in biased.results if r.category == "sex").flagged


def test_an_audit_that_could_not_compare_is_no_pass() -> None:
    """A bug hunt's groups file named .pdf files for .md CVs: every CV unknown, and the report said ok."""
    ranking = [(f"cv{i}.md", float(100 - i)) for i in range(20)]
    nobody = audit_ranking("R", ranking, {"cv0.pdf": F}, pool="folder", top=5)
    assert nobody.four_fifths_ok is None and nobody.not_measured == ("sex", "age")
    assert any(n.startswith("not measured: sex and age") for n in nobody.notes)
    # the sex known, every age unknown: sex is measured, age is not
    sexes = {s: Member("female" if i % 2 else "male") for i, (s, _) in enumerate(ranking)}
    half = audit_ranking("R", ranking, sexes, pool="folder", top=10)
    assert half.not_measured == ("age",) and half.four_fifths_ok in (None, False)
    both = {
        s: Member("female" if i % 2 else "male", "30-39" if i % 3 else "50+")
        for i, (s, _) in enumerate(ranking)
    }
    assert audit_ranking("R", ranking, both, pool="folder", top=10).not_measured == ()


def test_the_groups_file_reads_gender_and_refuses_what_it_cannot_use() -> None:
    groups = parse_groups("file,gender,birth_year\na.txt,female,1980\n", name="g.csv", as_of=AS_OF)
    assert groups == {"a.txt": Member("female", "40-49")}
    as_json = parse_groups('{"a.txt": {"Gender": "female", "Birth_Year": 1980}}', name="g.json", as_of=AS_OF)
    assert as_json == groups  # JSON keys read as the CSV's header is
    with pytest.raises(KompetensError, match="no sex, birth_year, age or age_band column") as err:
        parse_groups("file,kommun\na.txt,Umeå\n", name="g.csv", as_of=AS_OF)
    assert err.value.source == "g.csv"
    with pytest.raises(KompetensError, match="named twice, with different groups") as err:
        parse_groups("file,sex\na.txt,female\nb.txt,male\na.txt,male\n", name="g.csv", as_of=AS_OF)
    assert err.value.source == "g.csv#4"  # the file's line, the header being line 1
    same = parse_groups("file,sex\na.txt,female\na.txt,female\n", name="g.csv", as_of=AS_OF)
    assert same == {"a.txt": Member("female")}
