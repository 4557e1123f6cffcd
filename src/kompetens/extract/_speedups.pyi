from array import array
from collections.abc import Callable
from typing import Any, TypeVar

_C = TypeVar("_C", bound=tuple[Any, ...])

VERSION: int

def scan(
    pieces: list[str],
    vocab: dict[str, int],
    lemmas: dict[str, str] | None,
    root: array[int],
    keys: array[int],
    kids: array[int],
    values: array[int],
    depth: int,
    floor: int,
    /,
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]], list[tuple[int, int, int]]]: ...
def resolve(candidates: list[_C], /) -> list[_C]: ...
def tag_spans(
    text: str,
    lower: str,
    store: Any,
    weights: Any,
    trans: Any,
    fixed: Any,
    max_tokens: int,
    /,
) -> list[tuple[int, int]]: ...
def pool_queries(
    items: list[tuple[int, float, Any, Any, Any, Any, Any, Any, float]],
    doc_group: Any,
    cells: Any,
    gbest: Any,
    gseen: Any,
    w_cov: float,
    w_part: float,
    /,
) -> tuple[bytes, bytes]: ...
def word_table(prefixes: list[str], groups: list[list[str]], weights: Any, out: Any, /) -> None: ...
def word_row(
    word: str,
    lower: str,
    lemma: str,
    cls: str,
    grains: tuple[int, ...] | None,
    weights: Any,
    out: Any,
    /,
) -> None: ...
def word_rows(
    buffer: Any, keys: list[str], /
) -> list[tuple[str, str | None, str | None, float | None, float | None]]: ...
def word_memos(
    buffer: Any,
    keys: list[str],
    col: int,
    lemmas: dict[str, str | None],
    zipf_sv: dict[str, float],
    zipf_en: dict[str, float],
    dictionary: dict[str, str | None] = ...,
    fold: dict[tuple[str, str], str | None] = ...,
    lang: str = ...,
    most: int = ...,
    /,
) -> list[str]: ...
def word_rows_into(
    words: list[str],
    lowers: list[str],
    lemmas: list[str],
    classes: list[str],
    grains: list[tuple[int, ...]] | dict[str, tuple[int, ...]] | None,
    weights: Any,
    tables: Any,
    first: int,
    /,
) -> None: ...
def plain_lemma(
    word: str,
    dictionary: dict[str, str | None],
    fold: dict[tuple[str, str], str | None],
    zipf_en: dict[str, float] | None,
    lang: str,
    endings: tuple[str, ...] | None,
    rules: Callable[[str], str | None],
    restore_from: int,
    restore_en_zipf: float,
    /,
) -> str | None: ...
def latin1(text: str, /) -> bytes | None: ...
def sentence_cuts(text: str, heads: list[int], tails: list[int], /) -> list[tuple[int, int]]: ...
def link_lines(text: str, heads: list[int], tails: list[int], /) -> list[int]: ...
def literal_starts(text: str, literals: tuple[str, ...], /) -> list[int]: ...
def fuzzy_counts(choices: list[str], /) -> bytes: ...
def fuzzy_best(word: str, choices: list[str], cutoff: float, /) -> str | None: ...
def fuzzy_reach(word: str, choices: list[str], counts: bytes, cutoff: float, /) -> list[str]: ...
