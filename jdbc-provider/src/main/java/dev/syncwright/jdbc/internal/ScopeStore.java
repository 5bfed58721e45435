package dev.syncwright.jdbc.internal;

import dev.syncwright.dialect.ValueCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.SyncTable;
import dev.syncwright.jdbc.ConflictRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** The scope row (replica id, knowledge, forgotten knowledge) and the conflict log of one database replica. */
final class ScopeStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The conflict log's detected_at column, read as an instant on every database (timestamptz, DATETIME in UTC, ISO text). */
    private static final dev.syncwright.dialect.PortableType DETECTED_AT = dev.syncwright.dialect.PortableType.of(
            dev.syncwright.dialect.PortableType.Kind.TIMESTAMPTZ);
    private final Dialect dialect;
    private final ValueCodec codec;
    private final String scope;
    private final String scopes;
    private final String conflicts;

    record State(ReplicaId replicaId, Knowledge knowledge, Knowledge forgotten) {}

    ScopeStore(Dialect dialect, String scope) {
        this.codec = dialect.codec();
        this.dialect = dialect;
        this.scope = scope;
        this.scopes = dialect.names().syncTable(SyncTable.SCOPES);
        this.conflicts = dialect.names().syncTable(SyncTable.CONFLICTS);
    }

    /** Reads the scope's state; with {@code lock}, the row stays locked until the transaction ends (concurrent appliers queue). */
    State read(Connection c, boolean lock) throws SQLException {
        String sql = "SELECT replica_id, knowledge, forgotten_knowledge FROM " + scopes + " WHERE scope_name = ?"
                + (lock ? dialect.lockForUpdate() : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SyncException("Scope '" + scope + "' is not provisioned in this database; run provision first");
                }
                return state(c, rs, 1);
            }
        }
    }

    /** The columns replica_id, knowledge and forgotten_knowledge of the scope row, read from column {@code first} on. */
    State state(Connection c, ResultSet rs, int first) throws SQLException {
        ReplicaId id = ReplicaId.parse(rs.getString(first));
        byte[] k = rs.getBytes(first + 1);
        byte[] f = rs.getBytes(first + 2);
        ReplicaKeyMap keys = ReplicaKeyMap.forReplica(id);
        // NULL: nothing learned yet (provisioned, never applied to); tracking rows that name
        // another replica are then refused where they are read (requireKnownReplicas)
        Knowledge knowledge = k == null ? Knowledge.empty(keys) : decode(c, k, "knowledge", id);
        if (!knowledge.keys().self().equals(id)) {
            throw new SyncException(damaged(c, id) + ": its stored knowledge belongs to replica " + knowledge.keys().self()
                    + ", not " + id + " (the scope table was edited by hand)" + RECOVERY);
        }
        return new State(id, knowledge, f == null ? Knowledge.empty(keys) : decode(c, f, "forgotten_knowledge", id));
    }

    /**
     * A tracking row holding a version of a replica the stored knowledge does not know: the knowledge
     * was lost (NULL) or replaced, and the row's versions would be read as another replica's, or none.
     */
    void requireKnownReplicas(Connection c, State st, TableModel t, TrackedRow r) {
        int replicas = st.knowledge().keys().size();
        if (r.maxReplicaKey() >= replicas) {
            throw new SyncException(damaged(c, st.replicaId()) + ": row " + json(r.key) + " of table " + t.name()
                    + " holds a version of replica key " + r.maxReplicaKey() + ", which its knowledge does not know (it knows "
                    + replicas + (replicas == 1 ? " replica" : " replicas") + "; the knowledge is missing or was replaced)" + RECOVERY);
        }
    }

    /** What to do when this database's own sync metadata is damaged. */
    static final String RECOVERY = ". This database's copy is at fault, not the other side's: restore it from a backup; a client can "
            + "instead be replaced by a new one (sync into a new file; changes this one had not uploaded are then lost)";

    private Knowledge decode(Connection c, byte[] bytes, String column, ReplicaId id) {
        try {
            return Knowledge.decode(bytes);
        } catch (SyncException e) {
            throw new SyncException(damaged(c, id) + ": " + scopes + "." + column + " cannot be read (" + e.getMessage() + ")"
                    + RECOVERY, e);
        }
    }

    /** The start of a message about damaged sync metadata, naming the database so that the local copy is told from the remote one. */
    String damaged(Connection c, ReplicaId id) {
        return "The sync metadata of scope '" + scope + "' in the " + where(c) + " (replica " + id + ") is damaged";
    }

    /** This database, for a message: product and database name, or SQLite's file. */
    String where(Connection c) {
        String name = null;
        try {
            name = dialect.databaseName(c);
        } catch (SQLException | RuntimeException e) {
            // only for the message: the product alone then
        }
        return dialect.product().name() + " database" + (name == null || name.isEmpty() ? "" : " " + name);
    }

    void save(Connection c, Knowledge knowledge, Knowledge forgotten) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + scopes
                + " SET knowledge = ?, forgotten_knowledge = ? WHERE scope_name = ?")) {
            ps.setBytes(1, knowledge.encode());
            ps.setBytes(2, forgotten.encode());
            ps.setString(3, scope);
            if (ps.executeUpdate() != 1) {
                throw new SyncException("Scope '" + scope + "' disappeared while syncing (deprovisioned?)");
            }
        }
    }

    /**
     * Records a conflict. A deferred one that is already open for the same row and kind (the same
     * refused row, offered again by every sync) is updated in place, so the log holds it once.
     */
    /** A new replica id with the knowledge that goes with it (ADR 043). */
    void reidentify(Connection c, ReplicaId id, Knowledge knowledge, Knowledge forgotten) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + scopes
                + " SET replica_id = ?, knowledge = ?, forgotten_knowledge = ? WHERE scope_name = ?")) {
            ps.setString(1, id.toString());
            ps.setBytes(2, knowledge.encode());
            ps.setBytes(3, forgotten.encode());
            ps.setString(4, scope);
            if (ps.executeUpdate() != 1) {
                throw new SyncException("Scope '" + scope + "' disappeared while taking a new identity");
            }
        }
    }

    void log(Connection c, TableModel t, Object[] key, Conflict conflict) throws SQLException {
        boolean deferred = conflict.resolution() == ConflictResolution.DEFER;
        String pk = json(key);
        String local = conflict.localValues() == null ? null : json(conflict.localValues());
        String remote = conflict.remoteValues() == null ? null : json(conflict.remoteValues());
        if (deferred) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + conflicts + " SET local_json = ?, remote_json = ?, message = ?, "
                    + "detected_at = CURRENT_TIMESTAMP WHERE scope_name = ? AND table_name = ? AND pk_json = ? AND kind = ? AND resolved = ?")) {
                ps.setString(1, local);
                ps.setString(2, remote);
                ps.setString(3, conflict.detail());
                ps.setString(4, scope);
                ps.setString(5, t.name());
                ps.setString(6, pk);
                ps.setString(7, conflict.kind().name());
                ps.setBoolean(8, false);
                if (ps.executeUpdate() > 0) {
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + conflicts + " (scope_name, table_name, pk_json, kind, "
                + "resolution, local_json, remote_json, resolved, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, scope);
            ps.setString(2, t.name());
            ps.setString(3, pk);
            ps.setString(4, conflict.kind().name());
            ps.setString(5, deferred ? null : conflict.resolution().name());
            ps.setString(6, local);
            ps.setString(7, remote);
            ps.setBoolean(8, !deferred);
            ps.setString(9, conflict.detail());
            ps.executeUpdate();
        }
    }

    boolean hasOpenConflicts(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM " + conflicts + " WHERE scope_name = ? AND resolved = ?")) {
            p.setString(1, scope);
            p.setBoolean(2, false);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** Marks open (deferred) conflicts of a row settled: a later sync applied it. */
    void resolve(Connection c, TableModel t, Object[] key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + conflicts
                + " SET resolved = ? WHERE scope_name = ? AND table_name = ? AND pk_json = ? AND resolved = ?")) {
            ps.setBoolean(1, true);
            ps.setString(2, scope);
            ps.setString(3, t.name());
            ps.setString(4, json(key));
            ps.setBoolean(5, false);
            ps.executeUpdate();
        }
    }

    List<ConflictRecord> conflicts(Connection c, boolean openOnly) {
        String sql = "SELECT id, table_name, pk_json, kind, resolution, local_json, remote_json, detected_at, resolved, message FROM "
                + conflicts + " WHERE scope_name = ?" + (openOnly ? " AND resolved = ?" : "") + " ORDER BY id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, scope);
            if (openOnly) {
                ps.setBoolean(2, false);
            }
            List<ConflictRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String resolution = rs.getString(5);
                    Object at = codec.read(rs, 8, DETECTED_AT);
                    out.add(new ConflictRecord(rs.getLong(1), rs.getString(2), rs.getString(3), ConflictKind.valueOf(rs.getString(4)),
                            resolution == null ? null : ConflictResolution.valueOf(resolution), rs.getString(6), rs.getString(7),
                            at == null ? null : ((java.time.OffsetDateTime) at).toInstant(), rs.getBoolean(9), rs.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new SqlFailure("Reading the conflict log of scope '" + scope + "' in", conflicts, e);
        }
    }

    static String json(Object[] values) {
        Object[] plain = Arrays.stream(values).map(ScopeStore::plain).toArray();
        try {
            return JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new SyncException("Cannot write values as JSON: " + e.getMessage(), e);
        }
    }

    private static Object plain(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        return v.toString();
    }
}
