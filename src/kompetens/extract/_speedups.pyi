from array import array
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
