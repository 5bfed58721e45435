package dev.syncwright.tracking;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the user asks to synchronize: a scope name and its tables. A table given as a plain name is
 * looked up in the connection's default schema (exact name first, else the only case-insensitive match).
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

    /** Tables given by plain name, in the order given. */
    public List<String> tableNames() {
        return tableNames;
    }

    /** Tables given with their schema, in the order given. */
    public List<TableName> qualifiedTables() {
        return qualifiedTables;
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

        public Builder tables(String... names) {
            tableNames.addAll(List.of(names));
            return this;
        }

        public Builder tables(List<String> names) {
            tableNames.addAll(names);
            return this;
        }

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
