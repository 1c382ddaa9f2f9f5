"""The SQL of site search's own index, for each database we support (docs/decisions/0011).

SQLite: an FTS5 table over `SearchText`'s words (external content, kept in step by
triggers), ranked by `bm25`. PostgreSQL: a `tsvector` column on `SearchEntry` with a GIN
index, ranked by `ts_rank_cd`. Both hold rjieba's cut of the text (segment.py), so neither
tokenizer has to know Chinese; both multiply relevance by the same recency boost, apply
the filters, order and cut to the page in the database, and count the matches there.

A match expression is built from `Expr` trees here so that no text of a query reaches
the engine's own query syntax unquoted.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

FTS_TABLE = "oc_search_fts"
ENTRY_TABLE = "oc_search_searchentry"
TEXT_TABLE = "oc_search_searchtext"
# bm25 weights of the two indexed columns: words of the title count three times.
TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
RECENCY_HALF_LIFE_SECONDS = 180 * 86400
# A live guide is in force however long ago it was first published: it ranks as new.
GUIDE_RECENCY = 2.0

SQLITE_FTS = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "title_terms, body_terms, "
    f"content='{TEXT_TABLE}', content_rowid='entry_id', "
    "tokenize='unicode61 remove_diacritics 0')"
)
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON {TEXT_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, title_terms, body_terms) "
    "VALUES (new.entry_id, new.title_terms, new.body_terms); END",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON {TEXT_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.entry_id, old.title_terms, old.body_terms); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE ON {TEXT_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.entry_id, old.title_terms, old.body_terms); "
    f"INSERT INTO {FTS_TABLE}(rowid, title_terms, body_terms) "
    "VALUES (new.entry_id, new.title_terms, new.body_terms); END",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
PG_VECTOR = (
    "setweight(to_tsvector('simple', t.title_terms), 'A') || "
    "setweight(to_tsvector('simple', t.body_terms), 'B')"
)
PG_CREATE = [
    f"ALTER TABLE {ENTRY_TABLE} ADD COLUMN vector tsvector",
    f"CREATE INDEX {ENTRY_TABLE}_vector ON {ENTRY_TABLE} USING gin (vector)",
]
PG_DROP = [
    f"DROP INDEX IF EXISTS {ENTRY_TABLE}_vector",
    f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS vector",
]


def create_schema(schema_editor) -> None:
    """The engine's own index (called by the migration)."""
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": [SQLITE_FTS, *SQLITE_TRIGGERS], "postgresql": PG_CREATE}.get(vendor)
    if statements is None:
        raise NotImplementedError(f"site search has no index for {vendor}")
    for statement in statements:
        schema_editor.execute(statement)


def drop_schema(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_DROP, "postgresql": PG_DROP}.get(vendor, []):
        schema_editor.execute(statement)


# Match expressions ---------------------------------------------------------------------


@dataclass(frozen=True)
class Expr:
    """A match expression: a word, or AND/OR of expressions, or `left` without `right`."""

    op: str  # "word", "and", "or", "not"
    word: str = ""
    items: tuple[Expr, ...] = ()

    @classmethod
    def of(cls, word: str) -> Expr:
        return cls("word", word=word)

    @classmethod
    def all(cls, items: list[Expr]) -> Expr:
        return items[0] if len(items) == 1 else cls("and", items=tuple(items))

    @classmethod
    def any(cls, items: list[Expr]) -> Expr:
        return items[0] if len(items) == 1 else cls("or", items=tuple(items))

    def without(self, other: Expr) -> Expr:
        return Expr("not", items=(self, other))

    def fts5(self) -> str:
        if self.op == "word":
            return '"' + self.word.replace('"', '""') + '"'
        if self.op == "not":
            left, right = self.items
            return f"({left.fts5()} NOT {right.fts5()})"
        joiner = " AND " if self.op == "and" else " OR "
        return "(" + joiner.join(item.fts5() for item in self.items) + ")"

    def tsquery(self) -> str:
        if self.op == "word":
            return "'" + self.word.replace("\\", "\\\\").replace("'", "''") + "'"
        if self.op == "not":
            left, right = self.items
            return f"({left.tsquery()} & !({right.tsquery()}))"
        joiner = " & " if self.op == "and" else " | "
        return "(" + joiner.join(item.tsquery() for item in self.items) + ")"


@dataclass(frozen=True)
class Filters:
    """What narrows a search, all applied in the database."""

    unit_id: int | None = None
    column_path: str | None = None
    published_from: int | None = None  # seconds since the epoch, inclusive
    published_to: int | None = None
    guides: bool = True
    exclude: tuple[int, ...] = ()

    def sql(self) -> tuple[list[str], list]:
        clauses: list[str] = []
        params: list = []
        if not self.guides:
            clauses.append("NOT e.is_guide")
        if self.unit_id is not None:
            clauses.append("e.unit_id = %s")
            params.append(self.unit_id)
        if self.column_path is not None:
            clauses.append("substr(e.path, 1, %s) = %s AND length(e.path) > %s")
            params += [len(self.column_path), self.column_path, len(self.column_path)]
        if self.published_from is not None:
            clauses.append("e.published >= %s")
            params.append(self.published_from)
        if self.published_to is not None:
            clauses.append("e.published <= %s")
            params.append(self.published_to)
        if self.exclude:
            clauses.append("e.page_id NOT IN (" + ", ".join(["%s"] * len(self.exclude)) + ")")
            params += list(self.exclude)
        return clauses, params

    @property
    def narrows(self) -> bool:
        return bool(self.sql()[0])


def _recency(now: int) -> tuple[str, list]:
    greatest = "max" if connection.vendor == "sqlite" else "greatest"
    return (
        f"(CASE WHEN e.is_guide THEN {GUIDE_RECENCY} WHEN e.published IS NULL THEN 1.0 "
        f"ELSE 1.0 + power(0.5, {greatest}(0, %s - e.published) / {float(RECENCY_HALF_LIFE_SECONDS)})"
        " END)",
        [now],
    )


def count(expr: Expr, filters: Filters) -> int:
    """How many live pages match, exactly."""
    clauses, params = filters.sql()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if clauses:
                cursor.execute(
                    f"SELECT count(*) FROM {FTS_TABLE} "
                    f"JOIN {ENTRY_TABLE} e ON e.page_id = {FTS_TABLE}.rowid "
                    f"WHERE {FTS_TABLE} MATCH %s AND " + " AND ".join(clauses),
                    [expr.fts5(), *params],
                )
            else:
                cursor.execute(
                    f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expr.fts5()]
                )
        else:
            cursor.execute(
                f"SELECT count(*) FROM {ENTRY_TABLE} e "
                "WHERE e.vector @@ to_tsquery('simple', %s)"
                + "".join(" AND " + clause for clause in clauses),
                [expr.tsquery(), *params],
            )
        return cursor.fetchone()[0]


def ranked(
    expr: Expr, filters: Filters, *, now: int, limit: int, offset: int = 0
) -> list[tuple[int, float]]:
    """(page id, score) of the matches from `offset`, best first: relevance × recency, then
    the newer, ranked and cut in the database."""
    clauses, params = filters.sql()
    recency, recency_params = _recency(now)
    where = "".join(" AND " + clause for clause in clauses)
    order = "ORDER BY score DESC, e.published DESC, e.page_id DESC LIMIT %s OFFSET %s"
    if connection.vendor == "sqlite":
        sql = (
            f"SELECT e.page_id, -bm25({FTS_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}) * {recency} "
            f"AS score FROM {FTS_TABLE} JOIN {ENTRY_TABLE} e ON e.page_id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s{where} {order}"
        )
        args = [*recency_params, expr.fts5(), *params, limit, offset]
    else:
        sql = (
            f"SELECT e.page_id, ts_rank_cd(e.vector, q) * {recency} AS score "
            f"FROM {ENTRY_TABLE} e, to_tsquery('simple', %s) q WHERE e.vector @@ q{where} {order}"
        )
        args = [*recency_params, expr.tsquery(), *params, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


# Writing -------------------------------------------------------------------------------


def insert(rows: list[tuple]) -> None:
    """Write index entries in bulk: each row is (page id, is guide, unit id, column id, tree
    path, published seconds, title, text, title terms, body terms)."""
    if not rows:
        return
    entries = [(*row[:6],) for row in rows]
    texts = [(row[0], *row[6:10]) for row in rows]
    columns = "page_id, is_guide, unit_id, column_id, path, published"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            vector = PG_VECTOR.replace("t.title_terms", "%s").replace("t.body_terms", "%s")
            cursor.executemany(
                f"INSERT INTO {ENTRY_TABLE} ({columns}, vector) "
                f"VALUES (%s, %s, %s, %s, %s, %s, {vector})",
                [(*entry, row[8], row[9]) for entry, row in zip(entries, rows, strict=True)],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {ENTRY_TABLE} ({columns}) VALUES (%s, %s, %s, %s, %s, %s)", entries
            )
        cursor.executemany(
            f"INSERT INTO {TEXT_TABLE} (entry_id, title, text, title_terms, body_terms) "
            "VALUES (%s, %s, %s, %s, %s)",
            texts,
        )


def delete(page_ids: list[int]) -> None:
    """Remove entries (the words first: on SQLite their trigger takes them out of FTS5)."""
    if not page_ids:
        return
    marks = ", ".join(["%s"] * len(page_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TEXT_TABLE} WHERE entry_id IN ({marks})", page_ids)
        cursor.execute(f"DELETE FROM {ENTRY_TABLE} WHERE page_id IN ({marks})", page_ids)


def clear_all() -> None:
    """Empty the whole index at once before a rebuild, which ends with `after_rebuild`."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Removing every row through the triggers would undo them one by one.
            for statement in SQLITE_DROP[:3]:
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
            cursor.execute(f"DELETE FROM {TEXT_TABLE}")
            cursor.execute(f"DELETE FROM {ENTRY_TABLE}")
        else:
            # TRUNCATE refuses to run while rows written earlier in the same transaction
            # still have foreign-key checks pending: run them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {TEXT_TABLE}, {ENTRY_TABLE}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def after_rebuild() -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        for statement in SQLITE_TRIGGERS:
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
