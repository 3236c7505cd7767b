"""Just enough PromQL for the live check: the series selectors a query reads, and the
operands an alert compares.

Prometheus validates and evaluates the queries themselves; this only splits them so
the check can ask "does every input exist?" and "does each side of the comparison
have data?", which an alert expression that is (rightly) not firing cannot answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

AGGREGATIONS = {
    "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
    "bottomk", "topk", "quantile", "limitk", "limit_ratio",
}  # fmt: skip
LABEL_LIST_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right"}
SET_OPERATORS = ("or", ("and", "unless"))  # Lowest precedence first.
COMPARISONS = {"==", "!=", ">", "<", ">=", "<="}
NUMBER = re.compile(
    r"0x[0-9a-fA-F]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:(?:ms|[smhdwy])\d*)*"
)
IDENTIFIER = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")


@dataclass
class Token:
    kind: str  # ident, number, string, braces, range, paren, op
    text: str
    start: int
    end: int


def _closing(expr: str, start: int, opening: str, closing: str) -> int:
    """Index just past the bracket that closes expr[start], skipping quoted strings."""
    depth, index = 0, start
    while index < len(expr):
        char = expr[index]
        if char in "\"'`":
            index = _string_end(expr, index)
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    raise ValueError(f"unbalanced {opening!r} in {expr!r}")


def _string_end(expr: str, start: int) -> int:
    quote, index = expr[start], start + 1
    while index < len(expr):
        if expr[index] == "\\" and quote != "`":
            index += 2
            continue
        if expr[index] == quote:
            return index + 1
        index += 1
    raise ValueError(f"unterminated string in {expr!r}")


def tokenize(expr: str) -> list[Token]:
    tokens, index = [], 0
    while index < len(expr):
        char = expr[index]
        if char.isspace():
            index += 1
            continue
        if char == "#":  # A comment, to the end of the line.
            newline = expr.find("\n", index)
            index = len(expr) if newline < 0 else newline
            continue
        start = index
        if char in "\"'`":
            index, kind = _string_end(expr, index), "string"
        elif char == "{":
            index, kind = _closing(expr, index, "{", "}"), "braces"
        elif char == "[":
            index, kind = _closing(expr, index, "[", "]"), "range"
        elif char in "()":
            index, kind = index + 1, "paren"
        elif match := NUMBER.match(expr, index):
            index, kind = match.end(), "number"
        elif match := IDENTIFIER.match(expr, index):
            index, kind = match.end(), "ident"
        else:
            two = expr[index : index + 2]
            index += 2 if two in ("==", "!=", ">=", "<=", "=~", "!~") else 1
            kind = "op"
        tokens.append(Token(kind, expr[start:index], start, index))
    return tokens


def _skip_group(tokens: list[Token], index: int) -> int:
    """Index past a parenthesised group starting at tokens[index] (if it is one)."""
    if index >= len(tokens) or tokens[index].text != "(":
        return index
    depth = 0
    for position in range(index, len(tokens)):
        if tokens[position].text == "(":
            depth += 1
        elif tokens[position].text == ")":
            depth -= 1
            if depth == 0:
                return position + 1
    raise ValueError("unbalanced parentheses")


def selectors(expr: str) -> list[str]:
    """Every instant or range vector selector in ``expr``, without its range."""
    tokens = tokenize(expr)
    found, index = [], 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.kind == "ident":
            word = token.text.lower()
            if word in LABEL_LIST_KEYWORDS:
                index = _skip_group(tokens, index + 1)
                continue
            if word == "offset":
                index += 2
                continue
            if word in AGGREGATIONS or word in ("bool", "and", "or", "unless", "inf", "nan"):
                index += 1
                continue
            if following is not None and following.text == "(":  # A function.
                index += 1
                continue
            if following is not None and following.kind == "braces":
                found.append(token.text + following.text)
                index += 2
                continue
            found.append(token.text)
        elif token.kind == "braces":
            found.append(token.text)
        index += 1
    return found


def _split(tokens: list[Token], operators: set[str]) -> list[list[Token]]:
    """Split at operators outside parentheses."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        if depth == 0 and (token.text in operators or token.text.lower() in operators):
            parts.append([])
            continue
        parts[-1].append(token)
    return parts


def _drop_modifiers(tokens: list[Token]) -> list[Token]:
    """Remove a leading `bool`, `on(...)`, `ignoring(...)`, `group_left(...)`."""
    index = 0
    while index < len(tokens) and tokens[index].kind == "ident":
        word = tokens[index].text.lower()
        if word == "bool":
            index += 1
        elif word in LABEL_LIST_KEYWORDS:
            index = _skip_group(tokens, index + 1)
        else:
            break
    return tokens[index:]


def _unwrap(tokens: list[Token]) -> list[Token]:
    """Drop parentheses enclosing the whole expression."""
    while tokens and tokens[0].text == "(" and _skip_group(tokens, 0) == len(tokens):
        tokens = tokens[1:-1]
    return tokens


def operands(expr: str) -> list[str]:
    """The non-literal operands of the top-level `or`, `and`/`unless` and comparisons.

    ``(a / b) > 0.02 and c > 0.1`` gives ``["a / b", "c"]``; an expression without
    such operators is its own single operand.
    """

    def walk(tokens: list[Token], levels: list[set[str]]) -> list[list[Token]]:
        tokens = _unwrap(_drop_modifiers(tokens))
        if not levels:
            return [tokens]
        parts = _split(tokens, levels[0])
        if len(parts) == 1:
            return walk(tokens, levels[1:])
        return [operand for part in parts for operand in walk(part, levels)]

    levels = [{"or"}, {"and", "unless"}, COMPARISONS]
    result = []
    for part in walk(tokenize(expr), levels):
        if not part or (len(part) == 1 and part[0].kind == "number"):
            continue
        result.append(expr[part[0].start : part[-1].end])
    return result
