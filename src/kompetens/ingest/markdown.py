"""Light Markdown stripping: the words stay, the syntax goes, the line structure is kept."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_RULE = re.compile(r"^\s{0,3}(?:=+|-+|(?:\*\s*){3,}|(?:_\s*){3,})\s*$")  # also setext underlines
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^(\s*)[*+](\s+)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_TABLE_EDGE = re.compile(r"^\s*\|(.*?)\|?\s*$")
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_FRONT_TITLE = re.compile(r"^title:\s*[\"']?(.*?)[\"']?\s*$", re.IGNORECASE)

_INLINE: tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...] = (
    # (markers, pattern, replacement): a pattern can only match a line holding one of its markers, so it
    # is tried on those lines only (most lines of a CV have none: the text is the same, found faster).
    (("![",), re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image -> alt text
    (("](",), re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link -> its text
    (("][",), re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference link
    (("<",), re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolink
    (("<",), re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (("`",), re.compile(r"(`+)(.+?)\1"), r"\2"),  # code span
    # (?<!\\) leaves escaped markers (\*) alone; they are unescaped last.
    (("**", "__"), re.compile(r"(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=[^\s\\])\1"), r"\2"),  # strong
    (("*",), re.compile(r"(?<![\w*\\])\*(?=\S)(.+?)(?<=[^\s\\])\*(?![\w*])"), r"\1"),  # emphasis
    (("_",), re.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=[^\s\\])_(?!\w)"), r"\1"),  # emphasis; not snake_case
    (("~~",), re.compile(r"(?<!\\)~~(?=\S)(.+?)(?<=[^\s\\])~~"), r"\1"),  # strikethrough
    (("\\",), re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # backslash escapes
)


def strip_markdown(text: str) -> tuple[str, str | None]:
    """Plain text and the title (front-matter ``title:`` or the first heading). Expects ``\\n`` newlines."""
    lines = text.split("\n")
    lines, title = _front_matter(lines)
    out: list[str] = []
    in_code = False
    for line in lines:
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            out.append(line)
            continue
        heading = _HEADING.match(line)
        if heading:
            line = heading.group(1)
            title = title or _inline(line).strip() or None
        elif _RULE.match(line) or _TABLE_RULE.match(line) or _REF_DEFINITION.match(line):
            line = ""
        out.append(_inline(_block(line)))
    return "\n".join(out), title


def _front_matter(lines: list[str]) -> tuple[list[str], str | None]:
    """Drop a leading YAML block (``---`` ... ``---``), keeping its title."""
    if not lines or lines[0].strip() != "---":
        return lines, None
    for end, line in enumerate(lines[1:50], start=1):
        if line.strip() in ("---", "..."):
            titles = [m.group(1) for m in map(_FRONT_TITLE.match, lines[1:end]) if m]
            return lines[end + 1 :], (titles[0] or None) if titles else None
    return lines, None


def _block(line: str) -> str:
    line = _QUOTE.sub("", line)
    line = _BULLET.sub(r"\1-\2", line)
    edge = _TABLE_EDGE.match(line)
    return edge.group(1).strip() if edge else line


def _inline(line: str) -> str:
    for markers, pattern, replacement in _INLINE:
        if any(m in line for m in markers):
            line = pattern.sub(replacement, line)
    return line
