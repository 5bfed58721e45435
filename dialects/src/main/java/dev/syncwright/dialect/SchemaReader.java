package dev.syncwright.dialect;

import java.sql.Connection;
import java.util.Optional;

/** Introspects the user's tables. */
public interface SchemaReader {

    /**
     * Finds a table by the name a user typed, in the connection's default schema: the exact name
     * first, else the only case-insensitive match. Empty when there is none.
     */
    default Optional<TableName> resolve(Connection connection, String name) {
        return resolve(connection, null, name);
    }

    /**
     * Finds a table by the schema and name a user typed ({@code schema} null: the connection's
     * default schema), each the exact name first, else the only case-insensitive match. Empty when
     * the schema has no such table. Throws {@link SchemaException} naming it when the schema does not
     * exist or cannot be tracked here, and when the name is a view or another relation that is not a
     * table: only tables can be tracked, and "no such table" would mislead.
     */
    Optional<TableName> resolve(Connection connection, String schema, String name);

    /**
     * Reads a table: columns in catalog order with portable types, primary key, foreign keys and
     * unique constraints. Non-key columns get change-unit indexes in catalog order (the caller keeps
     * older indexes when it re-provisions). Throws {@link SchemaException} naming table and column
     * for an unsupported type, and naming the table when it does not exist.
     */
    TableDefinition read(Connection connection, TableName table);

    /** Whether the shared sync objects (scope table etc.) exist in this database. */
    boolean syncObjectsExist(Connection connection);
}
