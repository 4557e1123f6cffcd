"""Request and response models of the REST API: the JSON contract (shared/CONTRACT.md) as Pydantic types.

Response models allow extra keys: the contract lets the engine add keys, and the API passes them on.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocKindField = Literal["ad", "cv", "text"]

EXAMPLE_AD = (
    "Kommunikatör till Exempelbolaget AB\n"
    "Vi söker en kommunikatör som driver våra kanaler på Instagram och LinkedIn, "
    "följer upp med Google Analytics och svarar kunder i kommentarsfälten."
)


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


# -- errors ---------------------------------------------------------------------------------------


class ErrorBody(BaseModel):
    code: str = Field(description="Stable error code, e.g. E101 (see kompetens.errors.Code).")
    kind: str = Field(description="What the code means, e.g. 'empty file'.")
    message: str = Field(description="Written for a person.")
    source: str | None = Field(default=None, description="The input (file name or field) it concerns.")
    field: str | None = Field(default=None, description="The request or role field at fault.")


class ErrorResponse(BaseModel):
    error: ErrorBody

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "error": {
                        "code": "E101",
                        "kind": "empty file",
                        "message": "the text is empty",
                        "source": "<text>",
                        "field": None,
                    }
                }
            ]
        }
    )


class FailedInput(BaseModel):
    source: str | None
    error: ErrorBody


# -- health and areas -----------------------------------------------------------------------------


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    taxonomy: bool = Field(description="True once `kompetens setup` has built the ESCO/JobTech taxonomy.")


class AreaConcept(_Open):
    id: str
    label: str


class Area(_Open):
    id: str = Field(examples=["community"])
    label_sv: str = Field(examples=["Community och moderering"])
    label_en: str = Field(examples=["Community building and moderation"])
    description: str
    concepts: list[AreaConcept]


# -- extract --------------------------------------------------------------------------------------


class ExtractRequest(BaseModel):
    text: str = Field(description="Plain text: an ad, a CV or any text.", examples=[EXAMPLE_AD])
    lang: str | None = Field(default=None, description="'sv' or 'en'; detected when left out.")
    kind: DocKindField = Field(default="text", description="'ad' marks must-haves and merits.")
    title: str | None = Field(default=None, examples=["Kommunikatör"])


class Concept(BaseModel):
    id: str = Field(description="ESCO or JobTech URI, or a curated concept id.")
    label: str


class Mention(_Open):
    text: str
    start: int = Field(description="Character offset into the response's `text`.")
    end: int
    concept: Concept
    area: str | None
    confidence: float = Field(ge=0, le=1)
    required: bool | None = Field(description="In ads: must-have (true) or merit (false); null elsewhere.")


class Profile(_Open):
    source: str
    lang: str
    kind: DocKindField
    title: str | None = None
    text: str = Field(
        description="The normalised text the offsets index (the posted text, NFC, \\n newlines)."
    )
    mentions: list[Mention]
    areas: dict[str, float] = Field(description="All eight area ids, 0..1.")


# -- review ---------------------------------------------------------------------------------------


class ReviewRequest(BaseModel):
    text: str = Field(description="The job ad as plain text.", examples=[EXAMPLE_AD])
    title: str | None = Field(default=None, description="The ad's title, if not on its first line.")
    lang: str | None = Field(default=None, description="'sv' or 'en'; detected when left out.")


class Flag(_Open):
    text: str
    start: int
    end: int
    category: str = Field(examples=["age", "gender", "exclusion"])
    explanation: str
    suggestion: str
    source: str


class Review(_Open):
    source: str
    lang: str
    title: str | None
    text: str = Field(description="The normalised text the flag offsets index.")
    requires_social_media: bool
    title_mentions_social_media: bool
    areas: dict[str, float]
    missing_areas: list[str]
    flags: list[Flag]


# -- link -----------------------------------------------------------------------------------------


class LinkRequest(BaseModel):
    texts: list[str] = Field(
        min_length=1, max_length=100, examples=[["community management", "sökmotoroptimering"]]
    )
    top: int = Field(default=5, ge=1, le=50)
    kind: Literal["skill", "occupation"] = "skill"


class LinkCandidate(_Open):
    id: str
    label: str
    score: float


class LinkResult(_Open):
    input: str
    candidates: list[LinkCandidate]


# -- rank, team, interview ------------------------------------------------------------------------


class Role(_Open):
    title: str
    weights: dict[str, float]
    must_have: list[str]
    min_levels: dict[str, float]


class Ranked(_Open):
    candidate: str = Field(description="The uploaded file name.")
    rank: int = Field(ge=1)
    score: float = Field(ge=0, le=100)
    areas: dict[str, float]
    evidence: dict[str, list[str]] = Field(description="Anonymised evidence lines per area.")
    gaps: list[str]


class RankResponse(BaseModel):
    role: Role
    ranking: list[Ranked] = Field(description="The contract's rank list, best first.")
    failed: list[FailedInput] = Field(description="Uploads that could not be read; the rest are ranked.")


class Team(_Open):
    members: list[str]
    coverage: dict[str, float]
    score: float = Field(ge=0, le=100)


class TeamResponse(BaseModel):
    role: Role
    team: Team
    failed: list[FailedInput]


class InterviewKit(_Open):
    role: str
    candidate: str
    markdown: str = Field(description="The kit as Markdown, ready to print.")
