"""The engine's messages as a REST API or web user reads them: fields of the request, not the CLI's options.

Its own module so that the error responses (``errors``) and the pages (``render``) both read it without importing
each other.
"""

from __future__ import annotations

import re

CLI_WORDING: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"; name it with --text-col$"), "; name that column 'text' (or 'description')"),
    (re.compile(r" \(--delimiter\)$"), " (the delimiter field)"),
    (re.compile(r" \(market --lang sv\|en\)"), " (the lang field: sv or en)"),
    (re.compile(r" \(--lang sv\|en, or lang in the API\)"), " (the lang field: sv or en)"),
    (re.compile(r"--org ('[^']*'|\S+?)(?=[ ?]|$)"), r"org \1"),
    (
        re.compile(
            r"--(kind|lang|report-lang|synthetic|seed|top|threshold|size|role|candidate|thorough|groups)\b"
        ),
        "",
    ),
)
"""The engine's messages that name a CLI option, as a REST API (or web) user reads them: the field of the
request instead (known leftover b, stop 42: a market upload's CSV without a text column said "name it with
--text-col", an option the API does not have, and a one-column header "(--delimiter)" for the field
``delimiter``). The last pattern turns any other option the CLI and the API share into the field's name."""


def api_message(message: str) -> str:
    """``message`` with the CLI's option names put as the REST API's fields (``CLI_WORDING``)."""
    for pattern, said in CLI_WORDING[:-1]:
        message = pattern.sub(said, message)
    return CLI_WORDING[-1][0].sub(lambda m: m.group(1).replace("-", "_"), message)
