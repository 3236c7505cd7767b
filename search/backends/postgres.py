"""Wagtail's PostgreSQL search, without concatenating title and body for every match.

Wagtail filters with ``annotate(_vector_=title || body).filter(_vector_=query)``. That
costs in two ways on a large site:

- The concatenation is in the SELECT list too, so PostgreSQL builds it for every
  matching row before sorting them by rank (it postpones only costly select
  expressions past a sort, and it costs a concatenation as cheap). ``alias()`` filters
  the same way without selecting it.
- For a word in most recipes, PostgreSQL rightly scans the table rather than the index,
  and concatenating two tsvectors per row is then most of the time. For a query of one
  word, ``title @@ q OR body @@ q`` is the same test without the concatenation, and can
  use Wagtail's GIN indexes on each column. For several words (all must match, in the
  title or the body) the concatenation is needed; the GIN index on ``(title || body)``
  from migration ``search.0002`` serves it.

Ranking is Wagtail's own, but a page of results is ordered by each match's position in
that ranking (``row_number() OVER (ORDER BY rank)``) rather than by the rank itself. The
database then computes the rank below the sort, on narrow rows (id, type, rank), instead
of carrying every match's vectors through the sort to recompute it above; and other window
annotations on the queryset (``search.query.count_windows``: matches per type) are
computed in the same pass, so a common word's matches are read once rather than twice.
The measurements are in benchmarks/RESULTS.md ("Search latency").
"""

import re

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.search.query import Fuzzy, MatchAll, Not, PlainText


def is_one_word(query) -> bool:
    # Wagtail's PostgreSQL compiler splits a PlainText query on whitespace and hyphens.
    words = re.split(r"[\s\-]+", query.query_string.strip()) if isinstance(query, PlainText) else []
    return len(words) == 1


class LeanPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def search(self, config, start, stop, score_field=None, backend=None):
        query = self.query
        if (
            self.fields is not None
            or isinstance(query, (MatchAll, Fuzzy))
            or (isinstance(query, Not) and isinstance(query.subquery, MatchAll))
        ):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        # As PostgresSearchQueryCompiler.search, filtering without selecting the vector.
        search_query = self.build_tsquery(query, config=config)
        vectors = self.get_search_vectors(search_query)
        rank_expression = self._build_rank_expression(vectors, config)
        if is_one_word(query):
            in_title_or_body = Q(index_entries__title=search_query) | Q(
                index_entries__body=search_query
            )
            queryset = self.queryset.filter(in_title_or_body)
        else:
            combined_vector = vectors[0][0]
            for vector, _boost in vectors[1:]:
                combined_vector = combined_vector._combine(vector, "||", False)
            queryset = self.queryset.alias(_vector_=combined_vector).filter(_vector_=search_query)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

    def _apply_ordering_and_scoring(self, queryset, rank_expression, start, stop, score_field=None):
        if not self.order_by_relevance:
            return super()._apply_ordering_and_scoring(
                queryset, rank_expression, start, stop, score_field
            )
        position = Window(RowNumber(), order_by=[rank_expression.desc(), F("pk").desc()])
        queryset = queryset.annotate(_relevance_position=position).order_by("_relevance_position")
        if score_field is not None:
            queryset = queryset.annotate(**{score_field: rank_expression})
        return queryset[start:stop]


class LeanPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LeanPostgresSearchQueryCompiler
