from array import array

def scan(
    pieces: list[str],
    vocab: dict[str, int],
    lemmas: dict[str, str] | None,
    keys: array[int],
    kids: array[int],
    values: array[int],
    floor: int,
    /,
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]], list[tuple[int, int, int]]]: ...
