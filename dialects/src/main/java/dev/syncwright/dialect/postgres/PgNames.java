package dev.syncwright.dialect.postgres;

import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.SyncTable;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.internal.Identifiers;

/**
 * Sync objects live in schema {@code syncwright}. Names derived from a user table are
 * {@code <schema>.<table>} plus a suffix, fitted to 63 bytes with a hash when longer (ADR 012).
 */
final class PgNames implements SqlNames {
    static final String SCHEMA = "syncwright";

    @Override
    public String quote(String identifier) {
        return Identifiers.quote(identifier, '"');
    }

    @Override
    public String table(TableName t) {
        return t.schema() == null ? quote(t.name()) : quote(t.schema()) + "." + quote(t.name());
    }

    /** Needs standard_conforming_strings = on, the default since PostgreSQL 9.1. */
    @Override
    public String literal(String value) {
        return Identifiers.literal(value);
    }

    @Override
    public String syncTable(SyncTable table) {
        return sync(table.baseName());
    }

    /** A quoted object in the syncwright schema. */
    String sync(String name) {
        return quote(SCHEMA) + "." + quote(name);
    }

    @Override
    public TableName trackingTableName(TableName base) {
        return new TableName(SCHEMA, derived(base, ""));
    }

    /** A name in the syncwright schema derived from a user table (functions, constraints, indexes). */
    String derived(TableName base, String suffix) {
        String stem = (base.schema() == null ? "" : base.schema() + ".") + base.name();
        return Identifiers.fit(stem, suffix, PostgresDialect.MAX_IDENTIFIER_BYTES);
    }

    @Override
    public String binaryOrder(String column, PortableType type) {
        return !SqlNames.textual(type) || type.kind() == PortableType.Kind.UUID ? column : column + " COLLATE \"C\"";
    }
}
