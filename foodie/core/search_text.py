import re


def search_terms(query: str) -> str:
    """The words of a reader's query, without punctuation.

    The search backends tokenise on punctuation anyway, but some pass it into their
    query syntax unescaped: SQLite FTS5 fails on a quote or a backslash. Dropping it
    also makes every full-text operator (``& | ! : * ( )``) plain text.
    """
    return " ".join(re.findall(r"\w+", query))
