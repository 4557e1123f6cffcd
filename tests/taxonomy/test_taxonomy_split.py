from __future__ import annotations

import pytest

from kompetens.taxonomy.split import BoundaryModel, description_start, split_entry

SKILL_LABELS = [
    "moderate online discussions",
    "moderate online forums",
    "write press releases",
    "draft press releases",
    "plan campaigns",
    "planning campaigns",
    "review campaign budgets",
]


@pytest.mark.parametrize(
    ("text", "known", "labels", "description"),
    [
        (  # all labels known
            "write press releases draft press releases Compose press releases for Exempelbolaget AB.",
            ["write press releases", "draft press releases"],
            ["write press releases", "draft press releases"],
            "Compose press releases for Exempelbolaget AB.",
        ),
        (  # a newer preferred label before the known ones comes first
            "author press releases write press releases Compose press releases.",
            ["write press releases"],
            ["author press releases", "write press releases"],
            "Compose press releases.",
        ),
        (  # known labels missing from the text are kept; spacing is normalised
            "plan campaigns Plan campaigns for Fiktiva Fönster AB.",
            ["plan campaigns", "planning  campaigns"],
            ["plan campaigns", "planning  campaigns"],
            "Plan campaigns for Fiktiva Fönster AB.",
        ),
        (  # a proper noun that is a known label is no description start
            "Testscript Testscript programming The invented language Testscript is for tests.",
            ["Testscript", "Testscript programming"],
            ["Testscript", "Testscript programming"],
            "The invented language Testscript is for tests.",
        ),
        (  # one stray word extends the label before it
            "Testscript Testscript techniques The invented language Testscript.",
            ["Testscript"],
            ["Testscript", "Testscript techniques"],
            "The invented language Testscript.",
        ),
        (  # a capitalised word that recurs mid-phrase is a name, not the description
            "write Exemplish correspond in written Exemplish Compose written texts in Exemplish.",
            [],
            ["write Exemplish correspond in written Exemplish"],
            "Compose written texts in Exemplish.",
        ),
        (  # acronyms do not start descriptions
            "use CMS tools use a CMS Use content management systems.",
            [],
            ["use CMS tools use a CMS"],
            "Use content management systems.",
        ),
        ("no description at all", [], ["no description at all"], ""),
    ],
)
def test_split_entry_skills(text: str, known: list[str], labels: list[str], description: str) -> None:
    entry = split_entry(text, known=known)
    assert entry.labels == labels
    assert entry.description == description


@pytest.mark.parametrize(
    ("text", "pref", "description"),
    [
        (
            "example community keeper example forum keeper Example community keepers look after forums.",
            "example community keeper",
            "Example community keepers look after forums.",
        ),
        (
            "ICT example analyst IT example analyst ICT example analysts test things. They report to nobody.",
            "ICT example analyst",
            "ICT example analysts test things. They report to nobody.",
        ),
        (
            "fictional actor/actress drama performer Fictional actors/actresses play invented parts.",
            "fictional actor/actress",
            "Fictional actors/actresses play invented parts.",
        ),
        (
            "example fisherman example net worker Example fishermen catch invented fish.",
            "example fisherman",
            "Example fishermen catch invented fish.",
        ),
    ],
)
def test_split_entry_occupations_use_the_plural(text: str, pref: str, description: str) -> None:
    entry = split_entry(text, head_plural=True)
    assert entry.labels[0] == pref
    assert entry.description == description


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("moderate online forums write press releases", ["moderate online forums", "write press releases"]),
        ("plan campaigns review campaign budgets", ["plan campaigns", "review campaign budgets"]),
        ("draft press releases", ["draft press releases"]),
    ],
)
def test_boundary_model_cuts_where_labels_meet(run: str, expected: list[str]) -> None:
    model = BoundaryModel(SKILL_LABELS)
    assert model.segment(run.split()) == expected


def test_boundary_model_does_not_cut_off_generic_words() -> None:
    labels = [f"{x} manager" for x in ("forum", "example", "community", "content")] + ["manager of things"]
    model = BoundaryModel(labels, end_rate=0.25, start_rate=1.1)
    assert model.segment(["example", "manager", "content", "manager"]) == [
        "example manager",
        "content manager",
    ]
    # a lone "manager" piece would match any CV that says "manager": it stays glued
    assert all(piece != "manager" for piece in model.segment(["forum", "manager", "manager"]))


def test_split_entry_occupation_alternatives_with_model() -> None:
    model = BoundaryModel(["forum keeper", "example keeper", "community host"], end_rate=0.25, start_rate=1.1)
    text = "example keeper forum keeper community host Example keepers keep examples."
    entry = split_entry(text, model=model, head_plural=True)
    assert entry.labels == ["example keeper", "forum keeper", "community host"]


def test_description_start_without_candidates() -> None:
    assert description_start(["only", "lowercase", "words", "here"]) == (4, 0)
