package dev.syncwright.jdbc.internal;

import java.util.StringJoiner;

/**
 * An {@code INSERT ... VALUES} whose row tuple can be repeated: the provider sends many rows per
 * statement, which costs each database far less per row than one execution per row (SQLite runs
 * one program instead of one per row; MySQL's driver sends one statement instead of one per row).
 */
record RowInsert(String head, String row, int parametersPerRow) implements RowStatement {

    /** The statement for {@code rows} rows. */
    @Override
    public String sql(int rows) {
        StringJoiner j = new StringJoiner(", ", head, "");
        for (int i = 0; i < rows; i++) {
            j.add(row);
        }
        return j.toString();
    }
}
