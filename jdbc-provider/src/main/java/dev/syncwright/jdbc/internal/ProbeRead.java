package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.dialect.BoundQuery;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.SyncTable;
import dev.syncwright.dialect.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Everything a session's first probe needs from a server, in one statement (ADR 060): the scope's
 * stored definition, the catalog fingerprint of its tables, the watermark, the scope's state and the
 * server's record of the asker. One statement is one snapshot, and the watermark and the fingerprint
 * are read from state no snapshot hides, so the answer is the one the five separate reads would give
 * at that moment. Where the dialect offers neither as an expression, those two are read first.
 */
public final class ProbeRead {
    private ProbeRead() {
    }

    /**
     * @param definition  the definition text as stored now
     * @param fingerprint the catalog fingerprint of the scope's tables now
     * @param state       the scope's state, its own tick the watermark (as {@code state()} states it)
     * @param askersRecord the server's record of the asker
     */
    public record Read(String definition, String fingerprint, ReplicaState state, Optional<PeerRecord> askersRecord) {}

    /**
     * The read, or empty when the scope is not provisioned or the dialect offers no fingerprint. Where
     * the dialect offers the watermark and the fingerprint as expressions (PostgreSQL) it is one
     * statement; elsewhere those two are read first, each as the dialect reads it, and the rest is
     * one statement, all on one connection (MySQL/MariaDB: the watermark stamps pending rows, ADR 020).
     */
    public static Optional<Read> read(JdbcScope scope, List<TableName> tables, ReplicaId asker) {
        String scopes = scope.dialect.names().syncTable(SyncTable.SCOPES);
        String peers = scope.dialect.names().syncTable(SyncTable.PEERS);
        try (Connection c = scope.connect()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true); // the watermark's contract: a statement (or statements) of its own transaction
            }
            scope.captureUpTo(c);
            Optional<String> watermark = scope.dialect.ticks().watermarkExpression();
            Optional<BoundQuery> fingerprint = scope.dialect.schema().catalogFingerprintQuery(c, tables);
            boolean oneStatement = watermark.isPresent() && fingerprint.isPresent();
            long w = 0;
            String fp = null;
            if (!oneStatement) {
                // as a provider's probe reads them: the fingerprint before the state, the watermark complete (ADR 061)
                Optional<String> read = scope.dialect.schema().catalogFingerprint(c, tables);
                if (read.isEmpty()) {
                    return Optional.empty();
                }
                fp = read.get();
                w = scope.dialect.ticks().safeWatermark(c);
            }
            // the peer row joins on its key (scope_name, peer_id): at most one row, so the watermark is computed once
            String sql = "SELECT s.definition, " + (oneStatement ? "(" + fingerprint.get().sql() + "), " + watermark.get() : "NULL, NULL")
                    + ", s.replica_id, s.knowledge, s.forgotten_knowledge, p.epoch, p.nonce, p.delivered, p.upstream FROM " + scopes
                    + " s LEFT JOIN " + peers + " p ON p.scope_name = s.scope_name AND p.peer_id = ? AND p.epoch >= 0"
                    + " WHERE s.scope_name = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (oneStatement) {
                    for (Object v : fingerprint.get().values()) {
                        ps.setObject(i++, v);
                    }
                }
                ps.setString(i++, asker.toString());
                ps.setString(i, scope.definition.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return Optional.empty();
                    }
                    if (oneStatement) {
                        fp = rs.getString(2);
                        w = rs.getLong(3);
                    }
                    ScopeStore.State st = scope.store.state(c, rs, 4);
                    ReplicaState state = new ReplicaState(st.replicaId(), st.knowledge().withTick(0, w), st.forgotten());
                    return Optional.of(new Read(rs.getString(1), fp, state, Identity.record(rs, 7)));
                }
            }
        } catch (SQLException e) {
            throw new SqlFailure("Reading the state of scope '" + scope.definition.name() + "' in", scopes, e);
        }
    }
}
