"""Full-text search of the mandates on PostgreSQL, per language: each language version held is
indexed with its own language's dictionary (stems: "incidents" finds "incident"), accents
ignored ("cooperacion" finds "cooperación"), in the stored vector of migration 0015 and its GIN
index; a query is read as a web search ("quoted phrase", -without, or) in the four languages'
configurations at once (OR), so that a Spanish word finds a French original's Spanish version,
and the matches are ranked (ts_rank). The site search and the mandate list read the same
expression (``words_query``, ``holding``), so that the site search's "all results" link lists the
same mandates. Elsewhere (SQLite) there is no such column: the texts are compared folded
(``Folded``: accents and case ignored) as substrings, in ``commitments.filters.search_mandates``."""

from __future__ import annotations

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import Expression, Func, Q, QuerySet, TextField

from core.choices import Language

# The configurations migration 0015 creates: the language's stemmer after unaccent.
CONFIGS = {language: f"cicte_{language}" for language in Language.values}
# The words' starts ("cyber" finds "cybersecurity"), accents ignored, no stemming.
PREFIX_CONFIG = "cicte_simple"
# Web search syntax: with any of it, the query means exactly what it says (no word starts).
OPERATORS = re.compile(r"[\"-]|\bor\b", re.IGNORECASE)
WORD = re.compile(r"[^\W_]+")


def available(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


class MandateSearchVector(Expression):
    """The mandate's stored vector of every language version (migration 0015; not a model
    field, so that no other query reads it)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.search_vector", []


def text_query(text: str) -> tuple[SearchQuery | None, SearchQuery | None]:
    """The query of ``text`` in every language, and the query of its words' starts (None when
    the text uses web search syntax); (None, None): nothing to look for. Apart, because
    PostgreSQL knows how common a word is from the vector's statistics, not a word's start."""
    words = WORD.findall(text)
    if not words:
        return None, None
    query = None
    for config in CONFIGS.values():
        each = SearchQuery(text, config=config, search_type="websearch")
        query = each if query is None else query | each
    if OPERATORS.search(text):
        return query, None
    return query, SearchQuery(" & ".join(f"{word}:*" for word in words), config=PREFIX_CONFIG, search_type="raw")


def words_query(text: str) -> SearchQuery | None:
    """The words of ``text`` or their starts, in every language: the matches the site search
    ranks. None: no word to look for."""
    query, starts = text_query(text)
    return query if query is None or starts is None else query | starts


def with_vector(queryset: QuerySet) -> QuerySet:
    """``queryset`` able to filter on ``holding``."""
    return queryset.alias(_search_vector=MandateSearchVector())


def holding(query: SearchQuery) -> Q:
    """The condition: a language version of the mandate matches ``query`` (on ``with_vector``)."""
    return Q(_search_vector=query)


def matching(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    """The mandates of ``queryset`` any of whose language versions match ``query``."""
    return with_vector(queryset).filter(holding(query))


def ranked(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    """``queryset`` with each mandate's ``search_rank`` for ``query``, best first."""
    return queryset.annotate(search_rank=SearchRank(MandateSearchVector(), query)).order_by("-search_rank", "-pk")


# SQLite: the function commitments.apps registers on every connection, and what it does.
FOLD_FUNCTION = "cicte_fold"


def fold(text: str | None) -> str | None:
    """``text`` without accents, in lower case ("ÉTATS" and "États" are "etats"), for comparing."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


class Folded(Func):
    """A column as ``fold`` gives it (SQLite only: the function registered there)."""

    function = FOLD_FUNCTION
    output_field = TextField()
