"""Candidate ranking: roles, anonymisation, timelines, scores, teams and interview kits."""

from __future__ import annotations

from .anonymize import CATEGORIES, Anonymized, anonymize
from .audit import AuditReport, CategoryAudit, GroupRate, Member
from .interview import Kit, KitSection, Question, Scale, interview_kit
from .role import Role, default_role, is_role_file, load_role, role_from_ad, role_from_dict
from .score import (
    CandidatePool,
    CandidateProfile,
    Evidence,
    Ranked,
    RankItem,
    Score,
    build_candidate,
    candidate_from,
    rank,
    score,
    sort_key,
)
from .team import Team, best_team
from .timeline import Position, Timeline, parse_timeline

__all__ = [
    "CATEGORIES",
    "Anonymized",
    "AuditReport",
    "CandidatePool",
    "CandidateProfile",
    "CategoryAudit",
    "Evidence",
    "GroupRate",
    "Kit",
    "KitSection",
    "Member",
    "Position",
    "Question",
    "RankItem",
    "Ranked",
    "Role",
    "Scale",
    "Score",
    "Team",
    "Timeline",
    "anonymize",
    "best_team",
    "build_candidate",
    "candidate_from",
    "default_role",
    "interview_kit",
    "is_role_file",
    "load_role",
    "parse_timeline",
    "rank",
    "role_from_ad",
    "role_from_dict",
    "score",
    "sort_key",
]
