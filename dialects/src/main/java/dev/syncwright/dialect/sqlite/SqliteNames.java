package dev.syncwright.dialect.sqlite;

import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.SyncTable;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.internal.Identifiers;

/**
 * SQLite has one namespace ({@code main}) and no identifier length limit: sync objects carry the
 * prefix {@code syncwright_}, objects derived from a user table a kind prefix
 * ({@code syncwright_tr_}, {@code syncwright_ins_} ...) so that two kinds never collide.
 */
final class SqliteNames implements SqlNames {
    static final String PREFIX = "syncwright_";
    static final String CLOCK = PREFIX + "clock";
    static final String CONTEXT = PREFIX + "context";

    @Override
    public String quote(String identifier) {
        return Identifiers.quote(identifier, '"');
    }

    /** The schema is ignored: Syncwright tracks tables of {@code main} only. */
    @Override
    public String table(TableName t) {
        return quote(t.name());
    }

    @Override
    public String literal(String value) {
        return Identifiers.literal(value);
    }

    @Override
    public String syncTable(SyncTable table) {
        return quote(PREFIX + table.baseName());
    }

    @Override
    public TableName trackingTableName(TableName base) {
        return new TableName(null, derived("tr_", base));
    }

    String derived(String kind, TableName base) {
        return PREFIX + kind + base.name();
    }

    @Override
    public String binaryOrder(String column, PortableType type) {
        return SqlNames.textual(type) ? column + " COLLATE BINARY" : column;
    }
}
