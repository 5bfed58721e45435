package dev.syncwright.tracking;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the user asks to synchronize: a scope name and its tables. A table given by name is looked up
 * in the connection's default schema, or in the schema it names as {@code schema.table} (a
 * PostgreSQL schema, a MySQL/MariaDB database, SQLite's {@code main}): the exact name first, else the
 * only case-insensitive match.
 */
public final class SyncScope {
    private final String name;
    private final List<String> tableNames;
    private final List<TableName> qualifiedTables;

    private SyncScope(String name, List<String> tableNames, List<TableName> qualifiedTables) {
        this.name = name;
        this.tableNames = List.copyOf(tableNames);
        this.qualifiedTables = List.copyOf(qualifiedTables);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** Tables given by name ({@code table} or {@code schema.table}), in the order given. */
    public List<String> tableNames() {
        return tableNames;
    }

    /** Tables given with their schema, in the order given. */
    public List<TableName> qualifiedTables() {
        return qualifiedTables;
    }

    /** A name as typed, split: schema null for the default schema. */
    record Typed(String schema, String table) {
        @Override
        public String toString() {
            return schema == null ? table : schema + "." + table;
        }
    }

    /** {@link #tableNames()}, split at the dot. */
    List<Typed> typedTables() {
        return tableNames.stream().map(SyncScope::split).toList();
    }

    /**
     * The dot always separates the schema, so there is one reading of every name; a table whose name
     * holds a dot is given as a {@link TableName}.
     */
    private static Typed split(String typed) {
        int dot = typed.indexOf('.');
        if (dot < 0) {
            return new Typed(null, typed);
        }
        if (typed.indexOf('.', dot + 1) >= 0) {
            throw new SyncException("Table name '" + typed + "' has more than one dot; give it as table or schema.table");
        }
        if (dot == 0 || dot == typed.length() - 1) {
            throw new SyncException("Table name '" + typed + "' has an empty schema or table part; give it as table or "
                    + "schema.table");
        }
        return new Typed(typed.substring(0, dot), typed.substring(dot + 1));
    }

    /** Builds a {@link SyncScope}. */
    public static final class Builder {
        private final String name;
        private final List<String> tableNames = new ArrayList<>();
        private final List<TableName> qualified = new ArrayList<>();

        private Builder(String name) {
            Objects.requireNonNull(name, "scope name");
            if (name.isBlank()) {
                throw new SyncException("A scope needs a non-blank name");
            }
            this.name = name;
        }

        /**
         * Tables by the name a user types: {@code table}, in the connection's default schema, or
         * {@code schema.table}. A name with more than one dot is refused: give a table whose name
         * holds a dot with {@link #table(TableName)}.
         */
        public Builder tables(String... names) {
            return tables(List.of(names));
        }

        public Builder tables(List<String> names) {
            names.forEach(SyncScope::split);
            tableNames.addAll(names);
            return this;
        }

        /** A table by its exact schema and name, as the catalog stores them (any characters). */
        public Builder table(TableName table) {
            qualified.add(table);
            return this;
        }

        public SyncScope build() {
            if (tableNames.isEmpty() && qualified.isEmpty()) {
                throw new SyncException("Scope '" + name + "' lists no tables");
            }
            return new SyncScope(name, tableNames, qualified);
        }
    }
}
