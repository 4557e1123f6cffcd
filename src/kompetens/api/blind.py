"""Name-blind for hiring managers until a shortlist is confirmed.

A stored candidate's display name is the uploaded file's name, and real CV files are named
"Förnamn_Efternamn_CV.pdf", at times with a birth year. The ranking is made without names (CVs are
anonymised before extraction), and the person who confirms it should not see them either: a hiring manager
sees each candidate by a pseudonym ("#3fZ9qK", the start of the random id) on every page and API answer they
can read, until a ranking holding the candidate is confirmed (``Engine.shortlisted``); then the names of that
shortlist's candidates show. A blind candidate's original file and export (which hold the CV, name and all)
are refused them (403, E504). Admins and recruiters, who upload and contact candidates, see file names
always; so does the open single-user mode (no users).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..engine import Engine
from ..errors import Code, KompetensError
from ..match.shortlist import pseudonym as pseudonym
from ..store.accounts import User
from ..store.records import StoredCandidate

BLIND_ROLES = frozenset({"hiring_manager"})
"""The roles that see candidates by pseudonym until a ranking of them is confirmed."""


def is_blind(user: User | None) -> bool:
    """Whether ``user`` sees candidates by pseudonym (until they are shortlisted)."""
    return user is not None and user.role in BLIND_ROLES


def hidden_ids(engine: Engine, org: int, user: User | None, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` ``user`` sees by pseudonym: none unless blind; else those not shortlisted."""
    if not is_blind(user):
        return set()
    named = engine.shortlisted(org, ids)
    return {cid for cid in ids if cid not in named}


def shown(
    engine: Engine, org: int, user: User | None, found: Sequence[StoredCandidate]
) -> list[StoredCandidate]:
    """``found`` as ``user`` may see them: a pseudonym for the name of each candidate hidden from them."""
    hidden = hidden_ids(engine, org, user, [c.id for c in found])
    return [replace(c, name=pseudonym(c.id)) if c.id in hidden else c for c in found]


def shown_one(engine: Engine, org: int, user: User | None, kept: StoredCandidate) -> StoredCandidate:
    return shown(engine, org, user, [kept])[0]


def shown_list(
    engine: Engine,
    org: int,
    user: User | None,
    *,
    query: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[StoredCandidate], int]:
    """A page of the organisation's candidates as ``user`` sees them, and how many match in all. For a blind
    reader ``query`` matches the names they see (a pseudonym), never a hidden file name."""
    if not is_blind(user):
        found = engine.candidates(org, query=query, limit=limit, offset=offset)
        return found, engine.count_candidates(org, query=query)
    every = shown(engine, org, user, engine.candidates(org))
    if query:
        wanted = query.casefold()
        every = [c for c in every if wanted in c.name.casefold()]
    end = None if limit is None else offset + limit
    return every[offset:end], len(every)


def check_named(engine: Engine, org: int, user: User | None, cid: str, what: str) -> None:
    """E504 (403) when ``user`` sees the candidate by pseudonym: ``what`` (their file, their export) holds
    their name."""
    if cid in hidden_ids(engine, org, user, [cid]):
        raise KompetensError(
            Code.E504,
            f"a hiring manager sees a candidate by pseudonym until a ranking of them is confirmed, so not "
            f"{what}; ask a recruiter",
        )
