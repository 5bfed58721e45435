package dev.syncwright.jdbc.internal;

import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.RowTemplate;

/**
 * An UPDATE of many rows by key, rendered by the dialect ({@link dev.syncwright.dialect.Dialect#updateRows},
 * ADR 060); a row is its key values, then the values of the columns it sets, bound with {@code types}.
 * Compared by identity: each is made once per table and shape and cached there.
 */
final class RowUpdate implements RowStatement {
    private final RowTemplate template;
    private final PortableType[] types;

    RowUpdate(RowTemplate template, PortableType[] types) {
        if (template.parametersPerRow() != types.length) {
            throw new IllegalArgumentException(types.length + " types for " + template.parametersPerRow() + " parameters");
        }
        this.template = template;
        this.types = types;
    }

    @Override
    public String sql(int rows) {
        return template.sql(rows);
    }

    @Override
    public int parametersPerRow() {
        return types.length;
    }

    /**
     * More rows per statement than an insert: the statement is planned at each execution (ADR 055),
     * and that plan costs the same for 100 rows as for 500.
     */
    @Override
    public int rowsPerStatement() {
        return Math.max(1, Math.min(MAX_UPDATE_ROWS, MAX_PARAMETERS / Math.max(1, parametersPerRow())));
    }

    static final int MAX_UPDATE_ROWS = 500;

    PortableType type(int parameter) {
        return types[parameter];
    }
}
