package dev.syncwright.jdbc.internal;

/**
 * A statement whose row tuple repeats, sent many rows at a time ({@link Statements}): a multi-row
 * INSERT ({@link RowInsert}) or a multi-row UPDATE ({@link RowUpdate}, ADR 062).
 */
interface RowStatement {
    /** Parameters per statement: under every supported database's limit (SQLite 32,766 since 3.32, PostgreSQL 32,767). */
    int MAX_PARAMETERS = 30_000;
    /**
     * Rows per INSERT at most: past about a hundred rows a longer statement saves little (the
     * per-statement cost is already spread thin). {@link RowUpdate} has its own.
     */
    int MAX_ROWS = 100;

    /** The statement for {@code rows} rows. */
    String sql(int rows);

    int parametersPerRow();

    /** Rows per full statement for this width. */
    default int rowsPerStatement() {
        return Math.max(1, Math.min(MAX_ROWS, MAX_PARAMETERS / Math.max(1, parametersPerRow())));
    }
}
