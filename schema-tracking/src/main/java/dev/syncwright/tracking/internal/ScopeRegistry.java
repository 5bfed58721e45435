package dev.syncwright.tracking.internal;

import static dev.syncwright.dialect.SqlStatement.Kind.DELETE;
import static dev.syncwright.dialect.SqlStatement.Kind.INSERT;
import static dev.syncwright.dialect.SqlStatement.Kind.UPDATE;

import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.SyncTable;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.Jdbc;
import dev.syncwright.tracking.ScopeDefinition;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * Rows of the scope table and the table registry: reads run now (prepared statements), writes are
 * plan statements with literals so that the plan can also be printed or exported.
 */
public final class ScopeRegistry {
    private final SqlNames names;

    public ScopeRegistry(SqlNames names) {
        this.names = names;
    }

    /** A stored scope row. */
    public record StoredScope(String replicaId, ScopeDefinition definition) {
    }

    public Optional<StoredScope> load(Connection c, String scope) {
        return Jdbc.query(c, "SELECT replica_id, definition FROM " + names.syncTable(SyncTable.SCOPES) + " WHERE scope_name = ?",
                "scope " + scope, rs -> new StoredScope(rs.getString(1), DefinitionJson.read(scope, rs.getString(2))), scope)
                .stream().findFirst();
    }

    /** The stored text of a scope's definition: one query, for a reader that keeps what it parsed. */
    public Optional<String> definitionText(Connection c, String scope) {
        return Jdbc.query(c, "SELECT definition FROM " + names.syncTable(SyncTable.SCOPES) + " WHERE scope_name = ?",
                "scope " + scope, rs -> rs.getString(1), scope).stream().findFirst();
    }

    /** The scope that tracks a table, if any. */
    public Optional<String> owner(Connection c, TableName t) {
        return Jdbc.query(c, "SELECT scope_name FROM " + names.syncTable(SyncTable.SCOPE_TABLES)
                + " WHERE table_schema = ? AND table_name = ?", t.toString(), rs -> rs.getString(1), schema(t), t.name())
                .stream().findFirst();
    }

    public long otherScopes(Connection c, String scope) {
        return Jdbc.queryLong(c, "SELECT count(*) FROM " + names.syncTable(SyncTable.SCOPES) + " WHERE scope_name <> ?",
                "scopes", scope);
    }

    public SqlStatement insertScope(ScopeDefinition d, String replicaId) {
        return SqlStatement.of(INSERT, "scope " + d.name(), "INSERT INTO " + names.syncTable(SyncTable.SCOPES)
                + " (scope_name, replica_id, definition, definition_version) VALUES (" + names.literal(d.name()) + ", "
                + names.literal(replicaId) + ", " + names.literal(DefinitionJson.write(d)) + ", " + d.version() + ")");
    }

    public SqlStatement updateDefinition(ScopeDefinition d) {
        return SqlStatement.of(UPDATE, "scope " + d.name(), "UPDATE " + names.syncTable(SyncTable.SCOPES) + " SET definition = "
                + names.literal(DefinitionJson.write(d)) + ", definition_version = " + d.version()
                + ", updated_at = CURRENT_TIMESTAMP WHERE scope_name = " + names.literal(d.name()));
    }

    public SqlStatement register(String scope, TableName t) {
        return SqlStatement.of(INSERT, "scope " + scope + " table " + t, "INSERT INTO " + names.syncTable(SyncTable.SCOPE_TABLES)
                + " (table_schema, table_name, scope_name) VALUES (" + names.literal(schema(t)) + ", "
                + names.literal(t.name()) + ", " + names.literal(scope) + ")");
    }

    public List<SqlStatement> delete(String scope) {
        return List.of(
                SqlStatement.of(DELETE, "scope " + scope + " tables", "DELETE FROM " + names.syncTable(SyncTable.SCOPE_TABLES)
                        + " WHERE scope_name = " + names.literal(scope)),
                SqlStatement.of(DELETE, "scope " + scope, "DELETE FROM " + names.syncTable(SyncTable.SCOPES)
                        + " WHERE scope_name = " + names.literal(scope)));
    }

    private static String schema(TableName t) {
        return t.schema() == null ? "" : t.schema();
    }
}
