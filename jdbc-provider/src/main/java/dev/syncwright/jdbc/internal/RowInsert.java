package dev.syncwright.jdbc.internal;

import java.util.StringJoiner;

/**
 * An {@code INSERT ... VALUES} whose row tuple can be repeated: the provider sends many rows per
 * statement, which costs each database far less per row than one execution per row (SQLite runs
 * one program instead of one per row; MySQL's driver sends one statement instead of one per row).
 */
record RowInsert(String head, String row, int parametersPerRow) {
    /** Parameters per statement: under every supported database's limit (SQLite 32,766 since 3.32). */
    static final int MAX_PARAMETERS = 30_000;
    static final int MAX_ROWS = 100;

    /** Rows per full statement for this width. */
    int rowsPerStatement() {
        return Math.max(1, Math.min(MAX_ROWS, MAX_PARAMETERS / Math.max(1, parametersPerRow)));
    }

    /** The statement for {@code rows} rows. */
    String sql(int rows) {
        StringJoiner j = new StringJoiner(", ", head, "");
        for (int i = 0; i < rows; i++) {
            j.add(row);
        }
        return j.toString();
    }
}
