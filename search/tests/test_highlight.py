"""Marking matched words: right words, and never a way to inject markup."""

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.highlight import highlight, stem


@pytest.mark.parametrize(
    ("text", "terms", "marked"),
    [
        ("Roast chicken", "roasted", "<mark>Roast</mark> chicken"),
        ("Roasting vegetables", "roast", "<mark>Roasting</mark> vegetables"),
        ("dried chickpeas", "chickpea", "dried <mark>chickpeas</mark>"),
        ("Chickpea curry", "CURRY chickpea", "<mark>Chickpea</mark> <mark>curry</mark>"),
        ("Fish and chips", "and", "Fish and chips"),
        ("Fish <b>& chips</b>", "chips", "Fish &lt;b&gt;&amp; <mark>chips</mark>&lt;/b&gt;"),
        ("Crème brûlée", "brûlée", "Crème <mark>brûlée</mark>"),
        ("nothing here", "", "nothing here"),
        (None, "soup", ""),
    ],
)
def test_highlight(text, terms, marked):
    assert highlight(text, terms) == marked


@pytest.mark.parametrize(
    ("word", "expected"),
    [("roasted", "roast"), ("roasting", "roast"), ("tomatoes", "tomato"), ("pies", "pie")],
)
def test_stem(word, expected):
    assert stem(word) == expected


@given(text=st.text(), terms=st.text())
def test_highlighting_only_ever_adds_mark_tags(text, terms):
    marked = str(highlight(text, terms))
    assert html.unescape(marked.replace("<mark>", "").replace("</mark>", "")) == text
    assert "<" not in marked.replace("<mark>", "").replace("</mark>", "")
