"""The REST API's own models: request bodies, the error body and health.

Responses are the engine's result types (kompetens.schema): the same dataclasses, and so the same JSON,
as ``kompetens ... --json`` prints. The extraction adds the text its offsets index (a review holds its own).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import ErrorInfo

DocKindField = Literal["ad", "cv", "text"]

EXAMPLE_AD = (
    "Kommunikatör till Exempelbolaget AB\n"
    "Vi söker en kommunikatör som driver våra kanaler på Instagram och LinkedIn, "
    "följer upp med Google Analytics och svarar kunder i kommentarsfälten."
)


# -- errors ---------------------------------------------------------------------------------------

UNPARSED = (
    "A request body that cannot be parsed at all: JSON that is not JSON or not UTF-8 (E107), or a multipart "
    "body that is not well-formed; and, before any route, a Host header naming a host the server does not "
    "serve (E516). Nothing else is 400."
)
"""The 400 of every operation (docs/api.md "Errors")."""
UNUSABLE = (
    "Input that cannot be used: a parameter, form field or JSON key missing or out of range (E301, `field` "
    "naming it as this operation does, without its location: `limit`, `cvs`, `candidates`), text or a file "
    "that cannot be read (E1xx), a role that is not one (E300)."
)
"""The 422 of every operation: every validation failure of a request that could be parsed."""


class ErrorResponse(BaseModel):
    error: ErrorInfo

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


# -- health ---------------------------------------------------------------------------------------


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    taxonomy: bool = Field(description="True once `kompetens setup` has built the ESCO/JobTech taxonomy.")


# -- requests -------------------------------------------------------------------------------------


class StrictBody(BaseModel):
    """A JSON request body: a key the operation does not take is a 422 naming it, not ignored. A bug hunt
    (hK): ``POST /api/v1/rankings`` with ``"ad"`` (it takes ``ad_id``) or a misspelt ``"adid"`` kept a
    decision record for the built-in role, as if no role was given."""

    model_config = ConfigDict(extra="forbid")


class ExtractRequest(StrictBody):
    text: str = Field(description="Plain text: an ad, a CV or any text.", examples=[EXAMPLE_AD])
    lang: str | None = Field(default=None, description="'sv' or 'en'; detected when left out.")
    kind: DocKindField = Field(default="text", description="'ad' marks must-haves and merits.")
    title: str | None = Field(default=None, examples=["Kommunikatör"])
    spans: bool = Field(
        default=True,
        description="Also find skill phrases with the learned span tagger (false: the phrase index alone).",
    )
    thorough: bool = Field(
        default=False, description="Also link the span tagger's phrases to ESCO by quick linking (slower)."
    )


class ReviewRequest(StrictBody):
    text: str = Field(description="The job ad as plain text.", examples=[EXAMPLE_AD])
    title: str | None = Field(default=None, description="The ad's title, if not on its first line.")
    lang: str | None = Field(default=None, description="'sv' or 'en'; detected when left out.")


class LinkRequest(StrictBody):
    texts: list[str] = Field(
        min_length=1, max_length=100, examples=[["community management", "sökmotoroptimering"]]
    )
    top: int = Field(default=5, ge=1, le=50)
    kind: Literal["skill", "occupation"] = "skill"
    spans: bool = Field(
        default=True,
        description="Fuse a skill sentence's ranking with those of the skill phrases found in it "
        "(`kompetens link --no-spans` turns it off); the scores are then fusion scores.",
    )
    min_confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Keep only the concepts whose confidence reaches this (`kompetens link --min-confidence`):"
        " a text may get fewer than `top`, or none. Only a short text's first three skills have a confidence "
        "(docs/linking.md). Default: off.",
    )
