package dev.syncwright.jdbc.internal;

import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.RowTemplate;

/**
 * An UPDATE of many rows by key, rendered by the dialect ({@link dev.syncwright.dialect.Dialect#updateRows},
 * ADR 062); a row is its key values, then the values of the columns it sets, bound with {@code types}.
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
     * More rows per statement than an insert: each is planned when it runs (ADR 055), and joined to
     * the table through its key (Dialect.joinByKey), so a longer list costs one plan, not a scan.
     */
    @Override
    public int rowsPerStatement() {
        return Math.max(1, Math.min(MAX_ROWS_UPDATE, MAX_PARAMETERS / Math.max(1, parametersPerRow())));
    }

    static final int MAX_ROWS_UPDATE = 500;

    PortableType type(int parameter) {
        return types[parameter];
    }
}
