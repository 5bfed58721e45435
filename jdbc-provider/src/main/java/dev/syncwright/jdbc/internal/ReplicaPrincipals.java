package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.SyncTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Which authenticated principal each client replica syncs as (ADR 064): the first write of a replica
 * over HTTP binds it, and a request of another principal that would write as it is refused. Without
 * it, any holder of a valid token could upload changes under another client's replica id, and that
 * client's own changes of the same ticks would then be skipped as known: lost, silently.
 */
public final class ReplicaPrincipals {
    private final JdbcScope scope;
    private final String table;

    public ReplicaPrincipals(JdbcScope scope) {
        this.scope = scope;
        this.table = scope.dialect.names().syncTable(SyncTable.PRINCIPALS);
    }

    /**
     * Binds {@code replica} to {@code principal} unless it is bound already.
     * @return the other principal it is bound to; empty when it is (now) bound to {@code principal}
     */
    public Optional<String> bind(ReplicaId replica, String principal) {
        try (Connection c = scope.connect()) {
            Optional<String> bound = read(c, replica);
            if (bound.isEmpty()) {
                try {
                    insert(c, replica, principal);
                    return Optional.empty();
                } catch (SQLException e) {
                    bound = read(c, replica); // another request bound it first (the key decides); else the insert's own failure
                    if (bound.isEmpty()) {
                        throw e;
                    }
                }
            }
            return bound.get().equals(principal) ? Optional.empty() : bound;
        } catch (SQLException e) {
            // a database provisioned before the table existed lacks it: provisioning the scope again adds it
            throw new SqlFailure("Binding client replica " + replica + " of scope '" + scope.definition.name() + "' to principal '"
                    + principal + "' (if the table is missing, run `syncwright provision` for the scope once: it adds it and keeps "
                    + "tracked changes and knowledge) in", table, e);
        }
    }

    private Optional<String> read(Connection c, ReplicaId replica) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT principal FROM " + table + " WHERE scope_name = ? AND replica_id = ?")) {
            p.setString(1, scope.definition.name());
            p.setString(2, replica.toString());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private void insert(Connection c, ReplicaId replica, String principal) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (scope_name, replica_id, principal) VALUES (?, ?, ?)")) {
            p.setString(1, scope.definition.name());
            p.setString(2, replica.toString());
            p.setString(3, principal);
            p.executeUpdate();
        }
    }
}
