"""The SQL of site search's own index, for each database we support (docs/decisions/0011).

SQLite: an FTS5 table over `SearchText`'s words (external content, kept in step by
triggers), ranked by `bm25`. PostgreSQL: a `tsvector` column on `SearchEntry` with a GIN
index, ranked by `ts_rank_cd`. Both hold rjieba's cut of the text (segment.py), so neither
tokenizer has to know Chinese; both multiply relevance by the same recency boost, apply
the filters, order and cut to the page in the database, and count the matches there.

Ranking is bounded (docs/decisions/0026): only the newest WINDOW matches and every matching
guide are ranked, and older matches follow them newest first, so a word found in most pages
costs what a rarer one does; when fewer match, that is all of them and the ranking is exact. On SQLite the FTS5 rowid is
the entry's `sort_key` (publication minute, then page id), so "the newest matches" and the
date filters are rowid ranges FTS5 walks itself, and the unit and column filters are words of
a third, unweighted column (`filter_terms`). PostgreSQL counts exactly up to
`EXACT_COUNT_UP_TO` matches (by its planner's estimate) and estimates above.

A match expression is built from `Expr` trees here so that no text of a query reaches
the engine's own query syntax unquoted.
"""

from __future__ import annotations

import bisect
import json
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

# Bounded ranking (docs/decisions/0026): the newest WINDOW matches that are not guides, and
# every matching guide, are ranked; older matches follow them, newest first.
WINDOW = 2000
# PostgreSQL: relevance as rank / (rank + 1), so that it saturates as bm25 does and a page
# repeating a word many times does not outweigh the recency boost (docs/decisions/0026).
PG_RANK_NORMALISATION = 32
# PostgreSQL: above this many matches (the planner's estimate) the total is estimated.
EXACT_COUNT_UP_TO = 10_000
# PostgreSQL: reading the GIN index's list of a word costs about a thirtieth of reading an
# entry row, so a window of fewer entries than matches / RANGE_OVER_LIST_COST is read row by
# row down the `published` index and checked, and the word's list is not read at all
# (docs/decisions/0027).
RANGE_OVER_LIST_COST = 30

# SQLite: the FTS5 rowid of an entry is its publication minute, then its page id.
KEY_SHIFT = 36
PAGE_MASK = (1 << KEY_SHIFT) - 1
GUIDE_TAG = "guide"

SQLITE_COLUMNS = "title_terms, body_terms, filter_terms"
SQLITE_FTS = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    f"{SQLITE_COLUMNS}, "
    f"content='{TEXT_TABLE}', content_rowid='sort_key', "
    "tokenize='unicode61 remove_diacritics 0')"
)
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON {TEXT_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, {SQLITE_COLUMNS}) "
    "VALUES (new.sort_key, new.title_terms, new.body_terms, new.filter_terms); END",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON {TEXT_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {SQLITE_COLUMNS}) "
    "VALUES ('delete', old.sort_key, old.title_terms, old.body_terms, old.filter_terms); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE ON {TEXT_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {SQLITE_COLUMNS}) "
    "VALUES ('delete', old.sort_key, old.title_terms, old.body_terms, old.filter_terms); "
    f"INSERT INTO {FTS_TABLE}(rowid, {SQLITE_COLUMNS}) "
    "VALUES (new.sort_key, new.title_terms, new.body_terms, new.filter_terms); END",
]
SQLITE_KEY_INDEX = f"CREATE UNIQUE INDEX {TEXT_TABLE}_sort_key ON {TEXT_TABLE} (sort_key)"
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
# The newest matches are read from `published` indexes (with the unit, or not a guide) and
# a column's pages by their tree path; guides from their own partial index.
PG_ORDER_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_newest ON {ENTRY_TABLE} "
    "(published DESC NULLS LAST, page_id DESC) WHERE NOT is_guide",
    f"CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_unit_newest ON {ENTRY_TABLE} "
    "(unit_id, published DESC NULLS LAST, page_id DESC)",
    f"CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_guides ON {ENTRY_TABLE} (page_id) WHERE is_guide",
    f"CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_path ON {ENTRY_TABLE} (path varchar_pattern_ops)",
]
PG_DROP_ORDER_INDEXES = [
    f"DROP INDEX IF EXISTS {ENTRY_TABLE}_{name}"
    for name in ("newest", "unit_newest", "guides", "path")
]


def upgrade_schema(schema_editor) -> None:
    """From the index of 0011 (migration 0003) to bounded ranking (0026, migration 0004).
    SQLite: key every entry by its publication and give it its filter words, then make the
    FTS5 table again over them; PostgreSQL: the indexes the newest matches are read from."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in PG_ORDER_INDEXES:
                cursor.execute(statement)
            cursor.execute(f"ANALYZE {ENTRY_TABLE}")
            return
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"site search has no index for {connection.vendor}")
        for statement in SQLITE_DROP:
            cursor.execute(statement)
        cursor.execute(f"SELECT page_id, is_guide, unit_id, path, published FROM {ENTRY_TABLE}")
        keyed = [
            (sort_key(page_id, published), filter_terms(is_guide, unit_id, path), page_id)
            for page_id, is_guide, unit_id, path, published in cursor.fetchall()
        ]
        cursor.executemany(
            f"UPDATE {TEXT_TABLE} SET sort_key = %s, filter_terms = %s WHERE entry_id = %s", keyed
        )
        for statement in [SQLITE_KEY_INDEX, SQLITE_FTS]:
            cursor.execute(statement)
    after_rebuild()


def downgrade_schema(schema_editor, previous_fts: list[str]) -> None:
    """Back to the index of 0011: `previous_fts` is its FTS5 table and triggers (SQLite)."""
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            for statement in PG_DROP_ORDER_INDEXES:
                cursor.execute(statement)
            return
        for statement in [*SQLITE_DROP, f"DROP INDEX IF EXISTS {TEXT_TABLE}_sort_key"]:
            cursor.execute(statement)
        for statement in previous_fts:
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def sort_key(page_id: int, published: int | None) -> int:
    """SQLite's FTS5 rowid of an entry: newer entries have larger keys."""
    return ((published or 0) // 60 << KEY_SHIFT) | page_id


def filter_terms(is_guide: bool, unit_id: int | None, path: str) -> str:
    """The words the unit and column filters match on SQLite: the unit, every page above
    this one in the tree (a column finds what is below it), and whether it is a guide."""
    from wagtail.models import Page

    words = [f"u{unit_id}"] if unit_id is not None else []
    words += [f"p{path[:end]}" for end in range(Page.steplen, len(path), Page.steplen)]
    if is_guide:
        words.append(GUIDE_TAG)
    return " ".join(words)


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
        """Conditions on the entry `e` (PostgreSQL)."""
        clauses: list[str] = []
        params: list = []
        if not self.guides:
            clauses.append("NOT e.is_guide")
        if self.unit_id is not None:
            clauses.append("e.unit_id = %s")
            params.append(self.unit_id)
        if self.column_path is not None:
            # A tree path is digits and capital letters: nothing LIKE reads as a pattern.
            clauses.append("e.path LIKE %s")
            params.append(self.column_path + "_%")
        if self.published_from is not None:
            clauses.append("e.published >= %s")
            params.append(self.published_from)
        if self.published_to is not None:
            clauses.append("e.published <= %s")
            params.append(self.published_to)
        clauses += self._exclude_sql()[0]
        params += self._exclude_sql()[1]
        return clauses, params

    def _exclude_sql(self) -> tuple[list[str], list]:
        if not self.exclude:
            return [], []
        return ["e.page_id NOT IN (" + ", ".join(["%s"] * len(self.exclude)) + ")"], list(
            self.exclude
        )

    def fts5(self, expr: Expr) -> str:
        """SQLite: the match expression with the unit, column and guide filters as words of
        the unweighted `filter_terms` column."""
        words = []
        if self.unit_id is not None:
            words.append(Expr.of(f"u{self.unit_id}"))
        if self.column_path is not None:
            words.append(Expr.of(f"p{self.column_path}"))
        match = expr.fts5()
        for word in words:
            match += f" AND filter_terms : {word.fts5()}"
        if not self.guides:
            match = f"({match}) NOT filter_terms : {Expr.of(GUIDE_TAG).fts5()}"
        return match

    def key_range(self) -> tuple[int, int]:
        """SQLite: the rowids the date filters leave, to the minute (`join_sql` checks the
        seconds when a bound falls inside a minute)."""
        low, high = -(1 << 62), (1 << 62) - 1
        if self.published_from is not None:
            low = sort_key(0, max(0, self.published_from))
        elif self.published_to is not None:
            low = 1 << KEY_SHIFT  # published at all
        if self.published_to is not None:
            high = sort_key(PAGE_MASK, max(0, self.published_to))
        return low, high

    def join_sql(self) -> tuple[list[str], list]:
        """SQLite: what only the entry row can tell (empty for every filter of the form)."""
        clauses, params = self._exclude_sql()
        if self.published_from is not None and self.published_from % 60:
            clauses.append("e.published >= %s")
            params.append(self.published_from)
        if self.published_to is not None and self.published_to % 60 != 59:
            clauses.append("e.published <= %s")
            params.append(self.published_to)
        return clauses, params

    @property
    def narrows(self) -> bool:
        return bool(self.sql()[0])


def _recency(now: int, alias: str = "e") -> tuple[str, list]:
    if connection.vendor == "sqlite":
        age = f"max(0, %s - {alias}.published) / {float(RECENCY_HALF_LIFE_SECONDS)}"
    else:
        # In double precision: numeric power() costs more than the ranking itself.
        age = f"greatest(0, %s - {alias}.published)::float8 / {float(RECENCY_HALF_LIFE_SECONDS)}"
    return (
        f"(CASE WHEN {alias}.is_guide THEN {GUIDE_RECENCY} WHEN {alias}.published IS NULL "
        f"THEN 1.0 ELSE 1.0 + power(0.5, {age}) END)",
        [now],
    )


@dataclass(frozen=True)
class Count:
    """How many pages match: exact, or the database's estimate (PostgreSQL, above
    EXACT_COUNT_UP_TO)."""

    n: int
    estimated: bool = False
    at_least: bool = False  # counted up to `n` and stopped: there are more


def count(expr: Expr, filters: Filters) -> Count:
    """How many live pages match."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            low, high = filters.key_range()
            clauses, params = filters.join_sql()
            join = f" JOIN {ENTRY_TABLE} e ON e.page_id = ({FTS_TABLE}.rowid & {PAGE_MASK})"
            cursor.execute(
                f"SELECT count(*) FROM {FTS_TABLE}{join if clauses else ''} "
                f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid BETWEEN %s AND %s"
                + "".join(" AND " + clause for clause in clauses),
                [filters.fts5(expr), low, high, *params],
            )
            return Count(cursor.fetchone()[0])
        clauses, params = filters.sql()
        matches = f"FROM {ENTRY_TABLE} e WHERE e.vector @@ to_tsquery('simple', %s)" + "".join(
            " AND " + clause for clause in clauses
        )
        estimate = _estimate(cursor, f"SELECT 1 {matches}", [expr.tsquery(), *params])
        if estimate > EXACT_COUNT_UP_TO:
            return Count(estimate, estimated=True)
        # The estimate of words that go together can be far too low: count so far only.
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 {matches} LIMIT %s) found",
            [expr.tsquery(), *params, EXACT_COUNT_UP_TO + 1],
        )
        found = cursor.fetchone()[0]
        if found > EXACT_COUNT_UP_TO:
            return Count(EXACT_COUNT_UP_TO, estimated=True, at_least=True)
        return Count(found)


def ranked(
    expr: Expr,
    filters: Filters,
    *,
    now: int,
    limit: int,
    offset: int = 0,
    matches: int | None = None,
) -> list[tuple[int, float]]:
    """(page id, score) of the matches from `offset`, best first: relevance × recency, then
    the newer, ranked and cut in the database. Only the newest WINDOW matches that are not
    guides and every matching guide are ranked (all of them when no more match); the older
    matches follow, newest first (docs/decisions/0026). `matches` is what `count` said, if it
    was asked (PostgreSQL chooses the window with it rather than estimate it again)."""
    if connection.vendor == "sqlite":
        search = _SQLite(expr, filters, now)
    else:
        search = _PostgreSQL(expr, filters, now, matches)
    rows = search.ranked_window(limit, offset)
    if len(rows) == limit:
        return rows
    oldest = search.oldest_in_window()
    if oldest is None:  # everything was ranked
        return rows
    ranked_count = search.window_count() + search.guide_count()
    return rows + search.older(oldest, limit - len(rows), max(0, offset - ranked_count))


class _SQLite:
    """FTS5 walks its rowids (publication, then page id) newest first, so the window is a
    rowid range; the filters are words and rowid bounds, the entry row is read for the rows
    ranked only."""

    def __init__(self, expr: Expr, filters: Filters, now: int) -> None:
        self.match = filters.fts5(expr)
        self.articles = f"({self.match}) NOT filter_terms : {Expr.of(GUIDE_TAG).fts5()}"
        self.guides = f"({self.match}) AND filter_terms : {Expr.of(GUIDE_TAG).fts5()}"
        self.with_guides = filters.guides
        self.low, self.high = filters.key_range()
        clauses, self.params = filters.join_sql()
        self.where = "".join(" AND " + clause for clause in clauses)
        self.join = f"JOIN {ENTRY_TABLE} e ON e.page_id = ({FTS_TABLE}.rowid & {PAGE_MASK})"
        self.recency, self.recency_params = _recency(now)
        self._oldest: tuple[int] | None | bool = False

    def _select(self, extra: str = "") -> str:
        return (
            f"SELECT e.page_id AS page_id, e.published AS published, "
            f"-bm25({FTS_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}, 0) * {self.recency} AS score "
            f"FROM {FTS_TABLE} {self.join} WHERE {FTS_TABLE} MATCH %s "
            f"AND {FTS_TABLE}.rowid BETWEEN %s AND %s{self.where}{extra}"
        )

    def oldest_in_window(self) -> int | None:
        """The rowid of the WINDOW-th newest article matching, if so many match."""
        if self._oldest is False:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {FTS_TABLE}.rowid FROM {FTS_TABLE}{' ' + self.join if self.where else ''} "
                    f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid BETWEEN %s AND %s{self.where} "
                    f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT 1 OFFSET %s",
                    [self.articles, self.low, self.high, *self.params, WINDOW - 1],
                )
                row = cursor.fetchone()
                self._oldest = row[0] if row else None
        return self._oldest

    def ranked_window(self, limit: int, offset: int) -> list[tuple[int, float]]:
        oldest = self.oldest_in_window()
        order = " ORDER BY score DESC, published DESC, page_id DESC LIMIT %s OFFSET %s"
        if oldest is None:
            sql, args = self._select(), [*self.recency_params, self.match, self.low, self.high]
            args += self.params
        else:
            sql = self._select()
            args = [*self.recency_params, self.articles, oldest, self.high, *self.params]
            if self.with_guides:
                sql += " UNION ALL " + self._select()
                args += [*self.recency_params, self.guides, self.low, self.high, *self.params]
        with connection.cursor() as cursor:
            cursor.execute(sql + order, [*args, limit, offset])
            return [(row[0], float(row[2])) for row in cursor.fetchall()]

    def window_count(self) -> int:
        return WINDOW

    def guide_count(self) -> int:
        if not self.with_guides:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {FTS_TABLE} {self.join} WHERE {FTS_TABLE} MATCH %s "
                f"AND {FTS_TABLE}.rowid BETWEEN %s AND %s{self.where}",
                [self.guides, self.low, self.high, *self.params],
            )
            return cursor.fetchone()[0]

    def older(self, oldest: int, limit: int, offset: int) -> list[tuple[int, float]]:
        with connection.cursor() as cursor:
            cursor.execute(
                self._select() + f" ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s OFFSET %s",
                [*self.recency_params, self.articles, self.low, oldest - 1, *self.params]
                + [limit, offset],
            )
            return [(row[0], float(row[2])) for row in cursor.fetchall()]


def _estimate(cursor, sql: str, params: list) -> int:
    """The planner's estimate of the rows `sql` returns (PostgreSQL)."""
    cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
    plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def _published_histogram(cursor) -> list[int]:
    """The bounds of the planner's histogram of `published` (equal shares of the entries)."""
    cursor.execute(
        "SELECT histogram_bounds::text FROM pg_stats WHERE schemaname = current_schema() "
        "AND tablename = %s AND attname = 'published'",
        [ENTRY_TABLE],
    )
    row = cursor.fetchone()
    return [int(bound) for bound in row[0].strip("{}").split(",")] if row and row[0] else []


def _share_below(bounds: list[int], moment: int | None) -> float:
    """The share of the entries published before `moment` (all when there is none)."""
    if moment is None or moment >= bounds[-1]:
        return 1.0
    if moment <= bounds[0]:
        return 0.0
    above = bisect.bisect_right(bounds, moment)
    low, high = bounds[above - 1], bounds[above]
    return (above - 1 + (moment - low) / max(1, high - low)) / (len(bounds) - 1)


def _published_at(bounds: list[int], share: float) -> int:
    """The moment before which `share` of the entries were published."""
    position = max(0.0, min(1.0, share)) * (len(bounds) - 1)
    below = min(int(position), len(bounds) - 2)
    return int(bounds[below] + (position - below) * (bounds[below + 1] - bounds[below]))


class _PostgreSQL:
    """The window is the newest WINDOW matches published since a moment chosen from how many
    match (what `count` said, or the planner's estimate) and the planner's histogram of
    `published`: the moment before which about WINDOW of them were published, so that no
    row before it is read. A word found in most entries is then checked row by row down the
    `published` index; a rarer one is found by combining its GIN list with the date range;
    the guides are checked one by one. Words estimated under the window are ranked all, the
    newest WINDOW at most. Relevance is computed for the rows of the window only, and for the
    words a part looks for (not those of the exact query a synonym part leaves out)."""

    def __init__(self, expr: Expr, filters: Filters, now: int, matches: int | None = None) -> None:
        clauses, params = filters.sql()
        self.where = "".join(" AND " + clause for clause in clauses)
        self.matches = f"{ENTRY_TABLE} e WHERE e.vector @@ to_tsquery('simple', %s){self.where}"
        self.params = params
        self.published_from = filters.published_from
        self.published_to = filters.published_to
        self.args = [expr.tsquery(), *params]
        self.expr = expr
        self.query = expr.tsquery()
        # `(synonyms) NOT (exact)`: the exact query matches none of its matches, so its words
        # are no evidence of their relevance; ts_rank_cd would still count their positions
        # into its covers, and ranking by the synonyms alone costs less (decisions/0027).
        self.rank_query = (expr.items[0] if expr.op == "not" else expr).tsquery()
        self.with_guides = filters.guides
        self.recency, self.recency_params = _recency(now, "c")
        self.newest = "ORDER BY e.published DESC NULLS LAST, e.page_id DESC"
        self.known = matches
        self._since: int | None | bool = False
        self._matches: int | None = None
        self._by_rows: bool | None = None
        self._end: tuple[tuple[int | None, int] | None, int] | None = None
        self._estimates: dict[str, int] = {}
        self._underestimated = False

    def _estimate_of(self, expr: Expr) -> int:
        """The planner's estimate of the entries the filters leave that match `expr`."""
        query = expr.tsquery()
        if query not in self._estimates:
            with connection.cursor() as cursor:
                self._estimates[query] = _estimate(
                    cursor,
                    f"SELECT 1 FROM {ENTRY_TABLE} e WHERE e.vector @@ to_tsquery('simple', %s)"
                    f"{self.where}",
                    [query, *self.params],
                )
        return self._estimates[query]

    def _driver(self, expr: Expr) -> tuple[Expr, int]:
        """A condition every match of `expr` meets, and the planner's estimate of it: of the
        words that must all be there, the rarest. The planner multiplies the shares of words
        that must go together as if they were independent, and the parts of one term (防汛 and
        抗旱 of 防汛抗旱) nearly always go together: its estimate of them can be 25 times too
        low, and it then reads every match rather than those of the window's dates."""
        if expr.op == "word":
            return expr, self._estimate_of(expr)
        if expr.op == "not":
            return self._driver(expr.items[0])
        drivers = [self._driver(item) for item in expr.items]
        if expr.op == "and":
            return min(drivers, key=lambda driver: driver[1])
        return Expr.any([driver for driver, _n in drivers]), sum(n for _d, n in drivers)

    def since(self) -> int | None:
        """The first publication second of the window, when more than WINDOW match: read
        off the column's histogram, as far back as holds WINDOW of the matches among the
        entries the filters leave (no row is read for it)."""
        if self._since is False:
            self._since = None
            with connection.cursor() as cursor:
                if self.known is not None:
                    self._matches = self.known
                else:
                    self._matches = self._estimate_of(self.expr)
                if self._matches == EXACT_COUNT_UP_TO and self._estimate_of(self.expr) < (
                    EXACT_COUNT_UP_TO
                ):
                    # Counting stopped at the limit: the planner's estimate was too low, as it
                    # is for words that go together; their rarest is nearer the truth.
                    self._underestimated = True
                    self._matches = max(self._matches, self._driver(self.expr)[1])
                if self._matches > WINDOW:
                    bounds = _published_histogram(cursor)
                    if len(bounds) > 1:
                        low = (
                            0.0
                            if self.published_from is None
                            else _share_below(bounds, self.published_from)
                        )
                        high = _share_below(bounds, self.published_to)
                        share = high - (high - low) * WINDOW / self._matches
                        self._since = _published_at(bounds, share)
        return self._since

    def by_rows(self) -> bool:
        """Whether the window's date range holds so few entries, against the matches, that
        reading them is cheaper than reading the word's GIN list (a word in most entries)."""
        if self._by_rows is None:
            self._by_rows = False
            since = self.since()
            if since is not None and (self._matches or 0) > RANGE_OVER_LIST_COST * WINDOW:
                with connection.cursor() as cursor:
                    rows = _estimate(
                        cursor,
                        f"SELECT 1 FROM {ENTRY_TABLE} e WHERE NOT e.is_guide "
                        f"AND e.published >= %s{self.where}",
                        [since, *self.params],
                    )
                self._by_rows = rows * RANGE_OVER_LIST_COST < self._matches
        return self._by_rows

    def _window_rows(self, columns: str) -> tuple[str, list]:
        """The window's query: its newest WINDOW matches that are not guides."""
        since = self.since()
        if since is None:
            return (
                f"SELECT {columns} FROM {self.matches} AND NOT e.is_guide {self.newest} LIMIT %s",
                [*self.args, WINDOW],
            )
        if self.by_rows():
            # A subquery with OFFSET keeps the planner from combining the word's GIN list.
            return (
                f"SELECT {columns} FROM (SELECT * FROM {ENTRY_TABLE} e WHERE NOT e.is_guide "
                f"AND e.published >= %s{self.where} OFFSET 0) e "
                f"WHERE e.vector @@ to_tsquery('simple', %s) {self.newest} LIMIT %s",
                [since, *self.params, self.query, WINDOW],
            )
        driver = self._driver(self.expr)[0] if self._underestimated else self.expr
        if driver.tsquery() == self.query:
            return (
                f"SELECT {columns} FROM {self.matches} AND NOT e.is_guide AND e.published >= %s "
                f"{self.newest} LIMIT %s",
                [*self.args, since, WINDOW],
            )
        # The entries of the window's dates holding the rarest of the words that must go
        # together (an estimate the planner gets right), then the whole query on those.
        return (
            f"SELECT {columns} FROM (SELECT * FROM {ENTRY_TABLE} e "
            "WHERE e.vector @@ to_tsquery('simple', %s) AND NOT e.is_guide AND e.published >= %s"
            f"{self.where} OFFSET 0) e WHERE e.vector @@ to_tsquery('simple', %s) "
            f"{self.newest} LIMIT %s",
            [driver.tsquery(), since, *self.params, self.query, WINDOW],
        )

    def _guides(self, columns: str) -> tuple[str, list]:
        if self.since() is None:
            return f"SELECT {columns} FROM {self.matches} AND e.is_guide", list(self.args)
        # Every guide is checked (a few hundred) rather than the GIN list of a common word read.
        return (
            f"SELECT {columns} FROM (SELECT * FROM {ENTRY_TABLE} e WHERE e.is_guide{self.where} "
            "OFFSET 0) e WHERE e.vector @@ to_tsquery('simple', %s)",
            [*self.params, self.query],
        )

    def _score(self, candidates: str) -> str:
        return (
            "SELECT c.page_id AS page_id, "
            f"ts_rank_cd(c.vector, q, {PG_RANK_NORMALISATION}) * {self.recency} AS score, "
            f"c.published AS published FROM ({candidates}) c, to_tsquery('simple', %s) q"
        )

    def ranked_window(self, limit: int, offset: int) -> list[tuple[int, float]]:
        columns = "e.page_id, e.published, e.is_guide, e.vector"
        part, args = self._window_rows(columns)
        parts = [f"({part})"]
        if self.with_guides:
            guides, guide_args = self._guides(columns)
            parts.append(f"({guides})")
            args += guide_args
        sql = self._score(" UNION ALL ".join(parts))
        order = " ORDER BY score DESC, published DESC, page_id DESC LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(
                sql + order, [*self.recency_params, *args, self.rank_query, limit, offset]
            )
            rows = [(row[0], float(row[1])) for row in cursor.fetchall()]
        if len(rows) < limit and self.since() is not None and self.window_count() < WINDOW // 2:
            # The estimate was far too high (words it has no statistics for): they are rare,
            # so rank them as rare words, or the older ones would be looked for row by row.
            self._since = None
            self._end = None
            return self.ranked_window(limit, offset)
        return rows

    def _window_end(self) -> tuple[tuple[int | None, int] | None, int]:
        """(published, page id) of the last article ranked, or None when every match was, and
        how many articles were ranked."""
        if self._end is None:
            part, args = self._window_rows("e.published, e.page_id")
            with connection.cursor() as cursor:
                # The window's own query (so its plan), then its last row: a search that finds
                # a few pages must not walk the whole `published` index looking for the 2,000th.
                cursor.execute(
                    f"SELECT w.published, w.page_id, count(*) OVER () FROM ({part}) w "
                    "ORDER BY w.published ASC NULLS FIRST, w.page_id ASC LIMIT 1",
                    args,
                )
                row = cursor.fetchone()
            since = self.since()
            if row is not None and row[2] >= WINDOW:
                self._end = ((row[0], row[1]), WINDOW)
            elif since is not None:  # the window holds every match since `since`
                self._end = ((since, 0), row[2] if row else 0)
            else:
                self._end = (None, row[2] if row else 0)
        return self._end

    def oldest_in_window(self) -> tuple[int | None, int] | None:
        """Where the matches not ranked begin: (published, page id) of the last one ranked."""
        return self._window_end()[0]

    def window_count(self) -> int:
        return self._window_end()[1]

    def guide_count(self) -> int:
        if not self.with_guides:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {self.matches} AND e.is_guide", self.args)
            return cursor.fetchone()[0]

    def older(self, oldest: tuple, limit: int, offset: int) -> list[tuple[int, float]]:
        published, page_id = oldest
        if published is None:
            after = "e.published IS NULL AND e.page_id < %s"
            after_args = [page_id]
        else:
            after = (
                "(e.published < %s OR (e.published = %s AND e.page_id < %s) OR e.published IS NULL)"
            )
            after_args = [published, published, page_id]
        candidates = (
            f"SELECT e.page_id, e.published, e.is_guide, e.vector FROM {self.matches} "
            f"AND NOT e.is_guide AND {after} {self.newest} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                self._score(candidates) + " ORDER BY c.published DESC NULLS LAST, c.page_id DESC",
                [*self.recency_params, *self.args, *after_args, limit, offset, self.rank_query],
            )
            return [(row[0], float(row[1])) for row in cursor.fetchall()]


# Writing -------------------------------------------------------------------------------


def insert(rows: list[tuple]) -> None:
    """Write index entries in bulk: each row is (page id, is guide, unit id, column id, tree
    path, published seconds, title, text, title terms, body terms)."""
    if not rows:
        return
    entries = [(*row[:6],) for row in rows]
    columns = "page_id, is_guide, unit_id, column_id, path, published"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            vector = PG_VECTOR.replace("t.title_terms", "%s").replace("t.body_terms", "%s")
            cursor.executemany(
                f"INSERT INTO {ENTRY_TABLE} ({columns}, vector) "
                f"VALUES (%s, %s, %s, %s, %s, %s, {vector})",
                [(*entry, row[8], row[9]) for entry, row in zip(entries, rows, strict=True)],
            )
            cursor.executemany(
                f"INSERT INTO {TEXT_TABLE} (entry_id, title, text, title_terms, body_terms, "
                "filter_terms) VALUES (%s, %s, %s, %s, %s, '')",
                [(row[0], *row[6:10]) for row in rows],
            )
            return
        cursor.executemany(
            f"INSERT INTO {ENTRY_TABLE} ({columns}) VALUES (%s, %s, %s, %s, %s, %s)", entries
        )
        cursor.executemany(
            f"INSERT INTO {TEXT_TABLE} (entry_id, title, text, title_terms, body_terms, "
            "sort_key, filter_terms) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    page_id,
                    *row[6:10],
                    sort_key(page_id, published),
                    filter_terms(is_guide, unit_id, path),
                )
                for row in rows
                for page_id, is_guide, unit_id, _column, path, published in [row[:6]]
            ],
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
    with connection.cursor() as cursor:
        if connection.vendor != "sqlite":
            # The count's estimate and the choice of index need the new index's statistics.
            cursor.execute(f"ANALYZE {ENTRY_TABLE}")
            return
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        for statement in SQLITE_TRIGGERS:
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
