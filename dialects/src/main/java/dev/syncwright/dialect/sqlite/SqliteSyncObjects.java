package dev.syncwright.dialect.sqlite;

import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_INDEX;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.INSERT;

import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.SyncTable;
import java.util.List;

/**
 * Shared objects: scope table, registry, conflict log (no AUTOINCREMENT: it would leave
 * sqlite_sequence behind after deprovision), the clock row and the context row.
 */
final class SqliteSyncObjects {
    private final SqliteNames names;

    SqliteSyncObjects(SqliteNames names) {
        this.names = names;
    }

    List<SqlStatement> create() {
        String clock = names.quote(SqliteNames.CLOCK);
        String context = names.quote(SqliteNames.CONTEXT);
        return List.of(
                SqlStatement.of(CREATE_TABLE, "syncwright_scopes", """
                        CREATE TABLE %s (
                          scope_name TEXT PRIMARY KEY NOT NULL,
                          replica_id TEXT NOT NULL,
                          knowledge BLOB,
                          forgotten_knowledge BLOB,
                          replica_key_map BLOB,
                          definition TEXT NOT NULL,
                          definition_version INTEGER NOT NULL,
                          created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
                          updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
                        )""".formatted(names.syncTable(SyncTable.SCOPES))),
                SqlStatement.of(CREATE_TABLE, "syncwright_scope_tables", """
                        CREATE TABLE %s (
                          table_schema TEXT NOT NULL,
                          table_name TEXT NOT NULL,
                          scope_name TEXT NOT NULL REFERENCES %s (scope_name) ON DELETE CASCADE,
                          PRIMARY KEY (table_schema, table_name)
                        )""".formatted(names.syncTable(SyncTable.SCOPE_TABLES), names.syncTable(SyncTable.SCOPES))),
                SqlStatement.of(CREATE_TABLE, "syncwright_conflicts", """
                        CREATE TABLE %s (
                          id INTEGER PRIMARY KEY,
                          scope_name TEXT NOT NULL,
                          table_name TEXT NOT NULL,
                          pk_json TEXT NOT NULL,
                          kind TEXT NOT NULL,
                          resolution TEXT,
                          local_json TEXT,
                          remote_json TEXT,
                          detected_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
                          resolved INTEGER NOT NULL DEFAULT 0,
                          message TEXT
                        )""".formatted(names.syncTable(SyncTable.CONFLICTS))),
                SqlStatement.of(CREATE_TABLE, "syncwright_peers", peers()),
                SqlStatement.of(CREATE_TABLE, "syncwright_replica_principals", principals()),
                SqlStatement.of(CREATE_INDEX, "syncwright_conflicts_open", "CREATE INDEX "
                        + names.quote(SqliteNames.PREFIX + "conflicts_open") + " ON "
                        + names.syncTable(SyncTable.CONFLICTS) + " (scope_name, resolved)"),
                SqlStatement.of(CREATE_TABLE, SqliteNames.CLOCK, "CREATE TABLE " + clock
                        + " (id INTEGER PRIMARY KEY CHECK (id = 1), tick INTEGER NOT NULL)"),
                SqlStatement.of(INSERT, SqliteNames.CLOCK, "INSERT INTO " + clock + " (id, tick) VALUES (1, 0)"),
                SqlStatement.of(CREATE_TABLE, SqliteNames.CONTEXT, "CREATE TABLE " + context
                        + " (id INTEGER PRIMARY KEY CHECK (id = 1), suppress INTEGER NOT NULL)"),
                SqlStatement.of(INSERT, SqliteNames.CONTEXT, "INSERT INTO " + context + " (id, suppress) VALUES (1, 0)"));
    }

    String principals() {
        return """
                CREATE TABLE %s (
                  scope_name TEXT NOT NULL,
                  replica_id TEXT NOT NULL,
                  principal TEXT NOT NULL,
                  bound_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
                  PRIMARY KEY (scope_name, replica_id)
                )""".formatted(names.syncTable(SyncTable.PRINCIPALS));
    }

    String peers() {
        return """
                CREATE TABLE %s (
                  scope_name TEXT NOT NULL,
                  peer_id TEXT NOT NULL,
                  epoch INTEGER NOT NULL,
                  nonce TEXT NOT NULL,
                  delivered INTEGER NOT NULL,
                  upstream INTEGER NOT NULL,
                  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
                  PRIMARY KEY (scope_name, peer_id)
                )""".formatted(names.syncTable(SyncTable.PEERS));
    }

    List<SqlStatement> drop() {
        return List.of(
                SqlStatement.of(DROP_TABLE, SqliteNames.CONTEXT, "DROP TABLE " + names.quote(SqliteNames.CONTEXT)),
                SqlStatement.of(DROP_TABLE, SqliteNames.CLOCK, "DROP TABLE " + names.quote(SqliteNames.CLOCK)),
                SqlStatement.of(DROP_TABLE, "syncwright_replica_principals", "DROP TABLE " + names.syncTable(SyncTable.PRINCIPALS)),
                SqlStatement.of(DROP_TABLE, "syncwright_peers", "DROP TABLE " + names.syncTable(SyncTable.PEERS)),
                SqlStatement.of(DROP_TABLE, "syncwright_conflicts", "DROP TABLE " + names.syncTable(SyncTable.CONFLICTS)),
                SqlStatement.of(DROP_TABLE, "syncwright_scope_tables", "DROP TABLE " + names.syncTable(SyncTable.SCOPE_TABLES)),
                SqlStatement.of(DROP_TABLE, "syncwright_scopes", "DROP TABLE " + names.syncTable(SyncTable.SCOPES)));
    }
}
