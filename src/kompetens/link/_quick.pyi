from typing import Any

VERSION: int

def walk_select(
    items: list[tuple[Any, ...]],
    doc_group: Any,
    cells: Any,
    gbest: Any,
    gseen: Any,
    w_cov: float,
    w_part: float,
    boosts: dict[int, float],
    mask: Any,
    label_mask: Any = ...,
    /,
) -> tuple[bytes, bytearray]: ...
def static_add(
    score: Any, sims: Any, members: Any, allowed: Any, with_vec: Any, mean: float, std: float, w: float, /
) -> None: ...
def probe_stats(sims: Any, members: Any, allowed: Any, has: Any, k: int, /) -> tuple[bytes, bytes]: ...
def tfidf_weights(ids: list[Any], idf: Any, logtab: Any, /) -> tuple[bytes, bytearray] | None: ...
def gram_ids(word: str, vocabs: list[dict[str, int]], /) -> list[list[int]]: ...
def distinct_ids(terms: list[str], vocab: dict[str, int], /) -> bytes: ...
def gloss_query(
    tokens: list[str],
    own: list[str],
    extra: dict[str, float] | None,
    token_keys: dict[str, tuple[str, str] | None] | None,
    table: dict[str, tuple[str | None, bytes, bytes]],
    /,
) -> tuple[bytes, bytearray, list[str], bool] | tuple[list[str], list[str]]: ...
def own_terms(
    tokens: list[str], tables: list[dict[str, tuple[str, str, str | None, tuple[str, ...]]]], text_at: int, /
) -> tuple[list[str], list[str], list[str], list[str], int, int] | list[tuple[int, str]]: ...
