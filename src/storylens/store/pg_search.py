"""Full-text search on PostgreSQL: the text search configuration, the ``tsvector``
column and its GIN index, and the translation of the store's query syntax (that of
SQLite FTS5, as the README documents it) into a ``tsquery``.

* ``storylens_search`` is a copy of the ``simple`` configuration (no stemming and no
  stop words, as SQLite's ``unicode61`` tokenizer) whose word mappings go through the
  ``unaccent`` dictionary first, so "cafe" finds "café" as on SQLite. When the
  ``unaccent`` extension cannot be installed (it ships with PostgreSQL's contrib
  package; creating it needs the CREATE privilege on the database), the configuration
  is plain ``simple`` and matching is accent-sensitive: a warning says so once, when
  the schema is created.
* ``articles.search_vector`` is a stored generated column: the headline with weight A,
  the text with weight B (ranked 4:1, as the SQLite store's bm25 weights), indexed
  with GIN (``ix_articles_search``), stored with STORAGE MAIN (in the row, compressed
  only when the row needs it after the text moved out).
* Queries: words (ANDed), ``"phrases"`` (``""`` inside one is a quote), ``OR``,
  ``NOT`` (binary: ``a NOT b``), ``AND``, parentheses, ``word*`` and ``"phrase"*``
  (prefix of the last word). Precedence as FTS5: words and phrases side by side
  (implicitly ANDed), then NOT, then AND, then OR. What FTS5
  rejects (an operator without operands, an unbalanced quote or parenthesis, a
  character outside a bare word) is rejected here too; FTS5's column filters
  (``headline:``), ``^`` and ``NEAR`` are not supported.

Tokenizing differs slightly from SQLite's: ``<>&/@.`` are read as spaces first (see
``MASKED``), so tags, entities, paths, URLs, e-mail addresses and decimal numbers
split into words as on SQLite; PostgreSQL's parser still keeps "well-known" as well as
"well" and "known" (a superset of SQLite's matches).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from sqlalchemy import Connection, cast, func, literal
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import UserDefinedType

from ..errors import StoreError

__all__ = ["CONFIG", "VECTOR_COLUMN", "MASKED_SQL", "create_search", "masked", "to_tsquery"]

logger = logging.getLogger(__name__)

CONFIG = "storylens_search"
VECTOR_COLUMN = "search_vector"

_WORD_TYPES = "word, hword, hword_part, numword, numhword, hword_numpart"

#: Characters read as spaces before parsing, as SQLite's tokenizer does: PostgreSQL's
#: parser takes "<script>" for an XML tag and "&amp;" for an entity and indexes neither,
#: and keeps "/path", "a@b.example", "news.example" and "3.5" whole, where SQLite finds
#: each word in them. Replaced one for one, so a snippet maps back onto the text.
MASKED = "<>&/@."
MASKED_SQL = "'<>&/@.', '      '"
_MASK = str.maketrans(MASKED, " " * len(MASKED))


def masked(value: str) -> str:
    """``value`` as the index parses it (``MASKED`` characters as spaces)."""
    return value.translate(_MASK)


class _RegConfig(UserDefinedType[str]):
    """PostgreSQL's ``regconfig`` (a text search configuration's name), for casts."""

    cache_ok = True

    def get_col_spec(self, **kw: object) -> str:
        return "regconfig"


_REGCONFIG = _RegConfig()


def create_search(conn: Connection) -> bool:
    """Create the configuration, the column and its index (inside the caller's
    transaction); True when accents are folded (``unaccent`` available)."""
    folded = True
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except Exception as exc:  # noqa: BLE001 - any failure means: no accent folding
        folded = False
        logger.warning("PostgreSQL extension unaccent is not available (%s); search will not ignore accents "
                       "(install PostgreSQL's contrib package and run CREATE EXTENSION unaccent)",
                       str(exc).splitlines()[0])
    conn.exec_driver_sql(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)")
    if folded:
        conn.exec_driver_sql(f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {_WORD_TYPES} "
                             "WITH unaccent, simple")
    conn.exec_driver_sql(
        f"ALTER TABLE articles ADD COLUMN {VECTOR_COLUMN} tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector('{CONFIG}'::regconfig, translate(coalesce(headline, ''), {MASKED_SQL})), 'A') || "
        f"setweight(to_tsvector('{CONFIG}'::regconfig, translate(text, {MASKED_SQL})), 'B')) STORED")
    # Kept in the row uncompressed while the text goes to TOAST first: ranking reads every
    # match's vector, and decompressing them took half of a common-word search's time.
    conn.exec_driver_sql(f"ALTER TABLE articles ALTER COLUMN {VECTOR_COLUMN} SET STORAGE MAIN")
    conn.exec_driver_sql(f"CREATE INDEX ix_articles_search ON articles USING gin ({VECTOR_COLUMN})")
    return folded


# -- the query language -------------------------------------------------------------------

_TOKEN = re.compile(r'\s+|"(?:[^"]|"")*"\*?|"|\(|\)|[A-Za-z0-9_\x1a\u0080-\U0010ffff]+\*?|.', re.S)
_BARE = re.compile(r"[A-Za-z0-9_\x1a\u0080-\U0010ffff]+")
_OPERATORS = frozenset({"AND", "OR", "NOT"})


@dataclass(frozen=True)
class _Tok:
    kind: str  # word, phrase, op, open, close
    text: str
    prefix: bool = False


def _tokens(query: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(query):
        t = m.group()
        if t.isspace():
            continue
        if t.startswith('"'):
            if t == '"' or not (t.endswith('"') or t.endswith('"*')) or len(t.rstrip("*")) < 2:
                raise _invalid(query, "unterminated string")
            prefix = t.endswith("*")
            out.append(_Tok("phrase", t.rstrip("*")[1:-1].replace('""', '"'), prefix))
        elif t in ("(", ")"):
            out.append(_Tok("open" if t == "(" else "close", t))
        elif _BARE.match(t):
            word = t.rstrip("*")
            if word in _OPERATORS and not t.endswith("*"):
                out.append(_Tok("op", word))
            else:
                out.append(_Tok("word", word, t.endswith("*")))
        else:
            raise _invalid(query, f'syntax error near "{t}"')
    return out


def _invalid(query: str, why: str) -> StoreError:
    return StoreError(f"invalid search query {query!r}: {why}; use quotes for phrases (e.g. \"central bank\"), "
                      "and put AND/OR/NOT only between words")


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.toks = _tokens(query)
        self.pos = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def parse(self) -> ColumnElement[object]:
        if not self.toks:
            raise _invalid(self.query, "no words")
        expr = self.or_expr()
        if self.peek() is not None:
            raise _invalid(self.query, f'syntax error near "{self.peek().text}"')  # type: ignore[union-attr]
        return expr

    def or_expr(self) -> ColumnElement[object]:
        expr = self.and_expr()
        while (t := self.peek()) is not None and t.kind == "op" and t.text == "OR":
            self.pos += 1
            expr = func.tsquery_or(expr, self.and_expr())
        return expr

    def and_expr(self) -> ColumnElement[object]:
        expr = self.not_expr()
        while (t := self.peek()) is not None and t.kind == "op" and t.text == "AND":
            self.pos += 1
            expr = func.tsquery_and(expr, self.not_expr())
        return expr

    def not_expr(self) -> ColumnElement[object]:
        expr = self.primary()
        while (t := self.peek()) is not None and t.kind == "op" and t.text == "NOT":
            self.pos += 1
            expr = func.tsquery_and(expr, func.tsquery_not(self.primary()))
        return expr

    def primary(self) -> ColumnElement[object]:
        """A parenthesised expression, or words and phrases side by side (ANDed: in
        FTS5 such a sequence binds tighter than NOT, and only words and phrases may
        stand side by side without an operator)."""
        t = self.peek()
        if t is None:
            raise _invalid(self.query, "syntax error at the end")
        if t.kind == "open":
            self.pos += 1
            expr = self.or_expr()
            close = self.peek()
            if close is None or close.kind != "close":
                raise _invalid(self.query, "unbalanced parenthesis")
            self.pos += 1
            return expr
        if t.kind not in ("word", "phrase"):
            raise _invalid(self.query, f'syntax error near "{t.text}"')
        expr = self.term()
        while (t := self.peek()) is not None and t.kind in ("word", "phrase"):
            expr = func.tsquery_and(expr, self.term())
        return expr

    def term(self) -> ColumnElement[object]:
        t = self.toks[self.pos]
        self.pos += 1
        if t.kind == "word":
            return _prefix(t.text) if t.prefix else _phrase(t.text)
        if not t.prefix:
            return _phrase(t.text)
        words = _BARE.findall(t.text)
        if not words:
            return _phrase(t.text)
        head = t.text[:t.text.rindex(words[-1])]
        return func.tsquery_phrase(_phrase(head), _prefix(words[-1])) if head.strip() else _prefix(words[-1])


def _phrase(text: str) -> ColumnElement[object]:
    return func.phraseto_tsquery(cast(literal(CONFIG), _REGCONFIG), literal(text))


def _prefix(word: str) -> ColumnElement[object]:
    quoted = "'" + word.replace("'", "''").replace("\\", "\\\\") + "':*"
    return func.to_tsquery(cast(literal(CONFIG), _REGCONFIG), literal(quoted))


def to_tsquery(query: str) -> ColumnElement[object]:
    """The ``tsquery`` SQL expression of ``query`` (bound parameters only); StoreError,
    saying what is wrong, for a malformed query."""
    return _Parser(query).parse()


