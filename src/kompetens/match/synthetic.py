"""Synthetic CV pools for the bias audit: equal competence in every group by construction.

``synthetic_pool(role, n, seed)`` draws ``n // 8`` competence templates from the role's areas (which areas,
how many lines each, which of several equivalent phrasings, their order, one or two jobs, the degree, the
fictional employers) and renders every template once for each of the eight groups, sex (female, male) x
age band (under 30, 30-39, 40-49, 50+). Only the markers differ between the eight copies: a name typical of
women or men (Swedish or English, as the CV's language), the birth year or age, a gender word or pronouns,
a parent word, the e-mail and phone, and a graduation year that fits the age. Every group therefore gets
the same competence, and a scorer that does not read the markers gives each group the same scores.

Everything is fictional: employers are invented (``Exempelbolaget AB``), e-mails are at example.org and a
last line says the CV is synthetic. ``lacking`` makes a deliberately unequal pool (a negative control): the
CVs of one group lose the lines of one area.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..errors import Code, KompetensError
from ..models import AREA_IDS
from .audit import AGE_BANDS, SEXES, Member
from .role import Role

GROUPS: tuple[tuple[str, str], ...] = tuple((s, b) for s in SEXES for b in AGE_BANDS)
MAX_POOL = 20_000
AGES: dict[str, tuple[int, int]] = {
    "under 30": (25, 29),
    "30-39": (30, 39),
    "40-49": (40, 49),
    "50+": (50, 64),
}
CAREER_YEARS = 3
"""Every template's jobs lie within the last three years, so the youngest (25) has had time for them."""

# Per area and language: equivalent lines (each names the area's competence in other words).
LINES: dict[str, dict[str, tuple[str, ...]]] = {
    "marketing_communication": {
        "en": (
            "Planned and ran marketing campaigns across paid and owned channels.",
            "Wrote press releases and handled public relations with trade media.",
            "Developed the brand voice and a communication strategy for launches.",
        ),
        "sv": (
            "Planerade och genomförde kampanjer inom marknadsföring i betalda och egna kanaler.",
            "Skrev pressmeddelanden och skötte PR-arbete mot fackpress.",
            "Tog fram en kommunikationsstrategi och arbetade med varumärket vid lanseringar.",
        ),
    },
    "customer_service": {
        "en": (
            "Handled complaints and refunds in chat, e-mail and phone.",
            "Provided customer service and customer support in social channels.",
            "Improved the customer experience by mapping the customer journey.",
        ),
        "sv": (
            "Hanterade klagomål och reklamationer i chatt, mejl och telefon.",
            "Gav kundservice och kundsupport i sociala kanaler.",
            "Förbättrade kundupplevelsen och kundbemötandet i alla kanaler.",
        ),
    },
    "platform_technology": {
        "en": (
            "Ran the company accounts on Instagram, Facebook and LinkedIn.",
            "Scheduled posts with publishing tools and kept the WordPress site up to date.",
            "Owned social media management for three brands on TikTok and YouTube.",
        ),
        "sv": (
            "Drev företagets konton på Instagram, Facebook och LinkedIn.",
            "Schemalade inlägg med publiceringsverktyg och uppdaterade webben i WordPress.",
            "Ansvarade för hantering av sociala medier för tre varumärken på TikTok och YouTube.",
        ),
    },
    "api_seo": {
        "en": (
            "Did keyword research and search engine optimisation for the blog.",
            "Ran Google Ads campaigns and followed organic traffic in Google Search Console.",
            "Connected the shop to the ad platforms through their APIs.",
        ),
        "sv": (
            "Gjorde sökordsanalys och sökmotoroptimering för bloggen.",
            "Körde kampanjer i Google Ads och följde organisk trafik i Google Search Console.",
            "Kopplade butiken till annonsplattformarna via deras API:er.",
        ),
    },
    "psychology_interaction": {
        "en": (
            "Used behavioural science to shape messages that change habits.",
            "Applied social psychology and insight into human behaviour to our tone of voice.",
            "Studied human interaction in our channels to make replies more persuasive.",
        ),
        "sv": (
            "Använde beteendevetenskap för att forma budskap som ändrar vanor.",
            "Tillämpade socialpsykologi och kunskap om mänskligt beteende i vår tonalitet.",
            "Studerade mänsklig interaktion i våra kanaler för att göra svaren mer övertygande.",
        ),
    },
    "community": {
        "en": (
            "Built an online community of customers and led its moderation.",
            "Wrote the community guidelines and replied to comments every day.",
            "Ran community management and user-generated content campaigns.",
        ),
        "sv": (
            "Byggde en community för kunder och ansvarade för moderering.",
            "Skrev communityregler och svarade på kommentarer varje dag.",
            "Arbetade med community management och användargenererat innehåll.",
        ),
    },
    "data_insight": {
        "en": (
            "Built dashboards in Google Analytics and reported web analytics monthly.",
            "Ran A/B testing and data analysis to guide data-driven decisions.",
            "Turned survey answers into customer insights for the product team.",
        ),
        "sv": (
            "Byggde rapporter i Google Analytics och redovisade webbanalys varje månad.",
            "Gjorde A/B-tester och dataanalys som underlag för datadrivna beslut.",
            "Gjorde om enkätsvar till kundinsikter för produktteamet.",
        ),
    },
    "strategy": {
        "en": (
            "Wrote the social media strategy and tied it to the business goals.",
            "Led strategic planning for the channels with the management team.",
            "Drafted the social media policy and guidelines for all staff.",
        ),
        "sv": (
            "Skrev strategin för sociala medier och kopplade den till affärsmålen.",
            "Ledde strategisk planering för kanalerna tillsammans med ledningen.",
            "Tog fram riktlinjer för sociala medier för all personal.",
        ),
    },
}
TITLES = {
    "en": ("Digital Coordinator", "Marketing Assistant", "Communications Officer", "Online Team Member"),
    "sv": ("Digital koordinator", "Marknadsassistent", "Kommunikatör", "Medarbetare, digitala kanaler"),
}
EMPLOYERS = {
    "en": ("Invented Foods Ltd", "Fictional Outdoor Ltd", "Madeup Media Ltd", "Imaginary Travel Ltd"),
    "sv": ("Exempelbolaget AB", "Påhittade Resor AB", "Låtsasmedia AB", "Fiktiva Möbler AB"),
}
DEGREES = {
    "en": (
        "BA Communication Studies, University of Nowhere",
        "BSc Business Administration, Example University",
        "Diploma in Digital Marketing, Made-up College",
    ),
    "sv": (
        "Kandidatexamen i medie- och kommunikationsvetenskap, Exempeluniversitetet",
        "Ekonomexamen, Påhittade högskolan",
        "Yrkeshögskoleutbildning i digital marknadsföring, Låtsasskolan",
    ),
}
FIRST_NAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("sv", "female"): ("Anna", "Karin", "Sara", "Emma", "Linnea", "Elin", "Ida", "Malin", "Johanna", "Maria"),
    ("sv", "male"): (
        "Erik",
        "Lars",
        "Johan",
        "Anders",
        "Karl",
        "Oskar",
        "Mikael",
        "Henrik",
        "Fredrik",
        "Magnus",
    ),
    ("en", "female"): (
        "Emily",
        "Sarah",
        "Laura",
        "Hannah",
        "Rachel",
        "Olivia",
        "Sophie",
        "Charlotte",
        "Lucy",
    ),
    ("en", "male"): ("James", "Thomas", "Daniel", "Michael", "David", "Richard", "Andrew", "George", "Peter"),
}
SURNAMES = {
    "sv": ("Lindqvist", "Berglund", "Holmberg", "Sandström", "Nyberg", "Eklund", "Lundgren", "Forsberg"),
    "en": ("Whitfield", "Ashworth", "Pemberton", "Harrow", "Calloway", "Fairbanks", "Thornton", "Kendall"),
}
SEX_WORDS = {
    ("en", "female"): ("Gender: female", "she/her", "Mother of two"),
    ("en", "male"): ("Gender: male", "he/him", "Father of two"),
    ("sv", "female"): ("Kön: kvinna", "hon/henne", "Mamma till två"),
    ("sv", "male"): ("Kön: man", "han/honom", "Pappa till två"),
}
HEADINGS = {
    "en": ("PROFILE", "EXPERIENCE", "EDUCATION", "LANGUAGES", "English, Swedish", "present"),
    "sv": ("Sammanfattning", "Erfarenhet", "Utbildning", "Språk", "Svenska, engelska", "nu"),
}
PROFILE = {
    "en": "Curious and structured; I like work where channels, people and results meet.",
    "sv": "Nyfiken och strukturerad; jag trivs där kanaler, människor och resultat möts.",
}
FOOTER = {
    "en": "This is a fictional CV, generated for a bias audit (kompetens).",
    "sv": "Detta är ett påhittat CV, skapat för en granskning av partiskhet (kompetens).",
}


@dataclass(frozen=True, slots=True)
class SyntheticCV:
    """One generated CV: its file name, text, language, the groups it was written for and its template."""

    source: str
    text: str
    lang: str
    member: Member
    template: int


_Job = tuple[str, str, int, int | None, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class _Template:
    lang: str
    jobs: tuple[_Job, ...]
    """(title, employer, start year, end year or None for present, lines)."""
    degree: str
    area_lines: dict[str, tuple[int, ...]]


def synthetic_pool(
    role: Role,
    n: int,
    seed: int = 0,
    *,
    as_of: date | None = None,
    lacking: tuple[str, str] | None = None,
) -> list[SyntheticCV]:
    """``n // 8`` templates, each rendered once for every sex x age-band group (so ``n`` rounded down to a
    multiple of 8 CVs), in a shuffled order under neutral file names (``synthetic-0042.txt``): ties broken
    by file name favour no group. ``lacking=(group, area)``: the CVs of ``group`` (a sex or an age band)
    leave out the lines of ``area``, a pool that is unequal on purpose."""
    if not len(GROUPS) <= n <= MAX_POOL:
        raise KompetensError(
            Code.E301, f"a synthetic pool holds {len(GROUPS)} to {MAX_POOL} CVs, not {n}", field="synthetic"
        )
    if lacking is not None and (lacking[0] not in (*SEXES, *AGE_BANDS) or lacking[1] not in AREA_IDS):
        raise KompetensError(Code.E301, f"lacking: unknown group or area {lacking!r}", field="lacking")
    rng = random.Random(seed)
    today = as_of or date.today()
    templates = [_template(role, rng, today.year, i) for i in range(n // len(GROUPS))]
    names = list(range(1, len(templates) * len(GROUPS) + 1))
    rng.shuffle(names)
    out: list[SyntheticCV] = []
    for t_index, template in enumerate(templates):
        for sex, band in GROUPS:
            member = Member(sex, band)
            drop = lacking[1] if lacking is not None and lacking[0] in (sex, band) else None
            text = _render(template, member, rng, today.year, drop)
            source = f"synthetic-{names[len(out)]:04d}.txt"
            out.append(SyntheticCV(source, text, template.lang, member, t_index))
    return sorted(out, key=lambda cv: cv.source)


def _template(role: Role, rng: random.Random, year: int, index: int) -> _Template:
    lang = "en" if index % 2 == 0 else "sv"
    top = max(role.weights.values())
    chosen: dict[str, tuple[int, ...]] = {}
    for area in AREA_IDS:
        share = role.weights.get(area, 0.0) / top if top > 0 else 0.0
        if rng.random() < 0.25 + 0.6 * share:
            chosen[area] = tuple(rng.sample(range(3), rng.randint(1, 3)))
    if not chosen:
        area = max(AREA_IDS, key=lambda a: role.weights.get(a, 0.0))
        chosen[area] = (rng.randrange(3),)
    lines = [(a, i) for a, idx in chosen.items() for i in idx]
    rng.shuffle(lines)
    texts = tuple(LINES[a][lang][i] for a, i in lines)
    titles = rng.sample(TITLES[lang], 2)
    employers = rng.sample(EMPLOYERS[lang], 2)
    jobs: tuple[_Job, ...]
    if rng.random() < 0.5 and len(texts) > 1:
        cut = rng.randint(1, len(texts) - 1)
        split = year - rng.randint(1, CAREER_YEARS - 1)
        jobs = (
            (titles[0], employers[0], split, None, texts[:cut]),
            (titles[1], employers[1], year - CAREER_YEARS, split, texts[cut:]),
        )
    else:
        jobs = ((titles[0], employers[0], year - rng.randint(1, CAREER_YEARS), None, texts),)
    return _Template(lang, jobs, rng.choice(DEGREES[lang]), chosen)


def _render(t: _Template, member: Member, rng: random.Random, year: int, drop: str | None) -> str:
    lang = t.lang
    low, high = AGES[member.age_band]
    age = rng.randint(low, high)
    born = year - age
    first = rng.choice(FIRST_NAMES[(lang, member.sex)])
    last = rng.choice(SURNAMES[lang])
    gender, pronouns, parent = SEX_WORDS[(lang, member.sex)]
    style = rng.randrange(3)
    if style == 0:
        marker = f"{'Born' if lang == 'en' else 'Född'} {born} · {pronouns}"
    elif style == 1:
        marker = f"{'Age' if lang == 'en' else 'Ålder'}: {age}{' år' if lang == 'sv' else ''} · {gender}"
    else:
        marker = f"{'Born' if lang == 'en' else 'Född'} {born} · {parent}"
    profile, experience, education, languages, spoken, present = HEADINGS[lang]
    phone = f"07700 900{rng.randrange(1000):03d}" if lang == "en" else f"070-{rng.randrange(100, 1000)} 06 10"
    email = f"{first}.{last}@example.org".lower().translate(str.maketrans("åäöé", "aaoe"))
    dropped = set(LINES[drop][lang]) if drop is not None else set()
    out = [f"{first} {last}", t.jobs[0][0], "", f"{email} · {phone}", marker, "", profile, PROFILE[lang], ""]
    out.append(experience)
    for title, employer, start, end, lines in t.jobs:
        out += [f"{title}, {employer}", f"{start} – {present if end is None else end}"]
        out += [f"- {line}" for line in lines if line not in dropped]
        out.append("")
    graduated = min(born + 23, t.jobs[-1][2])
    out += [education, f"{t.degree}, {graduated}", "", languages, spoken, "", FOOTER[lang], ""]
    return "\n".join(out)


def groups_of(pool: Sequence[SyntheticCV]) -> dict[str, Member]:
    """The groups file of a synthetic pool: file name -> groups."""
    return {cv.source: cv.member for cv in pool}
