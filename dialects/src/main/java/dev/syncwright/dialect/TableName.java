package dev.syncwright.dialect;

import java.util.Objects;

/**
 * A user table: its schema (null where the database has none, e.g. SQLite's {@code main}) and its
 * name, exactly as stored in the catalog (case and all). Never parsed from a dotted string, because
 * a hostile name may itself contain dots or quotes.
 */
public record TableName(String schema, String name) {
    public TableName {
        Objects.requireNonNull(name, "name");
    }

    public static TableName of(String schema, String name) {
        return new TableName(schema, name);
    }

    /** For messages: schema.name without quoting. */
    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
