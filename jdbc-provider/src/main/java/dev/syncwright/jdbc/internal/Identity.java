package dev.syncwright.jdbc.internal;

import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.SyncTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A database replica's identity (ADR 043): what it remembers of its peers (the peers table), and the
 * change of identity of a copy or a restored backup.
 */
public final class Identity {
    /** A peer row of an id this replica gave up ({@link #formerIds}). */
    private static final long FORMER_EPOCH = -1;
    /** A peer row of the server a snapshot came from, which this replica has not synced with yet ({@link #adoptSnapshot}). */
    private static final long EXPECTED_UPSTREAM_EPOCH = -2;
    private final JdbcScope scope;
    private final String peers;

    public Identity(JdbcScope scope) {
        this.scope = scope;
        this.peers = scope.dialect.names().syncTable(SyncTable.PEERS);
    }

    public Optional<PeerRecord> peer(ReplicaId peer) {
        List<PeerRecord> found = query("SELECT epoch, nonce, delivered, upstream FROM " + peers + " WHERE scope_name = ? AND peer_id = ? AND epoch >= 0",
                peer.toString());
        return found.stream().findFirst();
    }

    public Optional<ReplicaId> upstream() {
        try (Connection c = scope.connect(); PreparedStatement p = c.prepareStatement("SELECT peer_id FROM " + peers
                + " WHERE scope_name = ? AND upstream = ?")) {
            p.setString(1, scope.definition.name());
            p.setBoolean(2, true);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(ReplicaId.parse(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new SqlFailure("Reading the peers of scope '" + scope.definition.name() + "' in", peers, e);
        }
    }

    /** The ids this replica gave up with {@link #reidentify(long, boolean)} told to remember them: peer rows of epoch -1. */
    public java.util.Set<ReplicaId> formerIds() {
        java.util.Set<ReplicaId> out = new java.util.HashSet<>();
        try (Connection c = scope.connect(); PreparedStatement p = c.prepareStatement("SELECT peer_id FROM " + peers
                + " WHERE scope_name = ? AND epoch = ?")) {
            p.setString(1, scope.definition.name());
            p.setLong(2, FORMER_EPOCH);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(ReplicaId.parse(rs.getString(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new SqlFailure("Reading the former ids of scope '" + scope.definition.name() + "' in", peers, e);
        }
    }

    /**
     * The latest own tick any peer is known to have received: a server restored from a backup shares
     * its versions through it with its clients for certain; its later ones may be ticks its clients hold
     * for changes the backup lost.
     */
    public long deliveredToAny() {
        try (Connection c = scope.connect(); PreparedStatement p = c.prepareStatement("SELECT MAX(delivered) FROM " + peers
                + " WHERE scope_name = ? AND epoch >= 0")) {
            p.setString(1, scope.definition.name());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new SqlFailure("Reading the peers of scope '" + scope.definition.name() + "' in", peers, e);
        }
    }

    public void remember(ReplicaId peer, PeerRecord r) {
        transaction(peer, c -> {
            delete(c, peer, null);
            insert(c, peer, r);
            return true;
        });
    }

    /**
     * Writes {@code r} only over the record {@code expected} (the same epoch and nonce; empty: none), in
     * one transaction. Two sessions that read one record cannot both replace it (ADR 057): the row's
     * lock orders them, and the second finds another nonce; expecting none, the key conflict decides.
     */
    public boolean replace(ReplicaId peer, Optional<PeerRecord> expected, PeerRecord r) {
        return transaction(peer, c -> {
            if (expected.isPresent() && delete(c, peer, expected.get()) == 0) {
                return false;
            }
            try {
                insert(c, peer, r);
            } catch (SQLException e) {
                c.rollback();
                if (expected.isEmpty() && peer(peer).isPresent()) {
                    return false; // another session inserted the record first
                }
                throw e;
            }
            return true;
        });
    }

    private interface Work {
        /** Returns whether to commit. */
        boolean run(Connection c) throws SQLException;
    }

    private boolean transaction(ReplicaId peer, Work work) {
        try (Connection c = scope.connect()) {
            c.setAutoCommit(false);
            try {
                boolean done = work.run(c);
                if (done) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new SqlFailure("Remembering peer " + peer + " of scope '" + scope.definition.name() + "' in", peers, e);
        }
    }

    /** Deletes the record of {@code peer}, only if it has the epoch and nonce of {@code only} when that is given. */
    private int delete(Connection c, ReplicaId peer, PeerRecord only) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM " + peers + " WHERE scope_name = ? AND peer_id = ?"
                + (only != null ? " AND epoch = ? AND nonce = ?" : ""))) {
            d.setString(1, scope.definition.name());
            d.setString(2, peer.toString());
            if (only != null) {
                d.setLong(3, only.epoch());
                d.setString(4, only.nonce());
            }
            return d.executeUpdate();
        }
    }

    private void insert(Connection c, ReplicaId peer, PeerRecord r) throws SQLException {
        if (r.upstream()) { // one server at a time: a server under a new identity replaces the former
            try (PreparedStatement u = c.prepareStatement("UPDATE " + peers + " SET upstream = ? WHERE scope_name = ?")) {
                u.setBoolean(1, false);
                u.setString(2, scope.definition.name());
                u.executeUpdate();
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + peers
                + " (scope_name, peer_id, epoch, nonce, delivered, upstream) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, scope.definition.name());
            p.setString(2, peer.toString());
            p.setLong(3, r.epoch());
            p.setString(4, r.nonce());
            p.setLong(5, r.delivered());
            p.setBoolean(6, r.upstream());
            p.executeUpdate();
        }
    }

    /**
     * Takes a new replica id, in one transaction: the former id moves to the end of the key map (no
     * other stored version changes); this replica's own versions through {@code sharedThrough} become
     * the former id's, the later ones stay at key 0 and so become the new id's, to travel again; the
     * knowledge forgets the former id's versions above {@code sharedThrough}; the peers are forgotten.
     * With {@code remember}, the former id is kept as one ({@link #formerIds}): a server restored from
     * a backup stays its clients' server. A copy does not: its original is still that replica.
     */
    public ReplicaId reidentify(long sharedThrough, boolean remember) {
        return takeNewId("Giving a new identity to", (c, formerKey) -> {
            for (TableModel t : scope.tables) {
                rewriteOwnVersions(c, t, formerKey, sharedThrough);
            }
        }, sharedThrough, (c, former) -> {
            if (remember) {
                insert(c, former, new PeerRecord(FORMER_EPOCH, "former", 0, false));
            }
        });
    }

    /**
     * A snapshot file becomes a replica of its own (ADR 066): a new id, the snapshot's id kept at the
     * end of the key map. The snapshot holds no versions of its own ({@link #holdsOwnVersions()},
     * checked when it was prepared), so no row is rewritten and every knowledge claim stays true: this
     * costs what a few small writes cost, however many rows the file holds. The server stays its
     * upstream, to be checked by the first sync (a snapshot of another server is refused then), but
     * as a pair with no epoch yet: the new replica is new to it.
     */
    public ReplicaId adoptSnapshot(Step first) {
        Optional<ReplicaId> server = upstream();
        return takeNewId("Adopting a snapshot as", (c, formerKey) -> first.run(c), Long.MAX_VALUE, (c, former) -> {
            if (server.isPresent()) {
                insert(c, server.get(), new PeerRecord(EXPECTED_UPSTREAM_EPOCH, "snapshot", 0, true));
            }
        });
    }

    /** Work done in the transaction that adopts a snapshot, before it writes anything (it may refuse, and nothing is written). */
    public interface Step {
        void run(Connection c) throws SQLException;
    }

    /** Whether any stored version is this replica's own (key 0): a snapshot must have none. */
    public boolean holdsOwnVersions() {
        return scope.inTransaction("Reading the own versions of", c -> {
            long keyUnit = 1L << Version.TICK_BITS;
            for (TableModel t : scope.tables) {
                StringJoiner any = new StringJoiner(" OR ");
                for (String v : versionColumns(t)) {
                    any.add("(" + v + " >= 0 AND " + v + " < " + keyUnit + ")");
                }
                try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM " + t.tracking + " WHERE " + any + " LIMIT 1");
                        ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    private interface Rewrite {
        void run(Connection c, int formerKey) throws SQLException;
    }

    private interface Then {
        void run(Connection c, ReplicaId former) throws SQLException;
    }

    /** A fresh id at key 0, the former one appended; the knowledge of the former id clamped to {@code sharedThrough}; peers forgotten. */
    private ReplicaId takeNewId(String what, Rewrite rewrite, long sharedThrough, Then then) {
        ReplicaId fresh = ReplicaId.random();
        return scope.inTransaction(what, c -> {
            scope.dialect.ticks().nextTick(c); // takes the write lock: no local write interleaves
            ScopeStore.State st = scope.store.read(c, true);
            ReplicaKeyMap old = st.knowledge().keys();
            List<ReplicaId> ids = new ArrayList<>(old.replicaIds());
            ReplicaId former = ids.remove(0);
            ids.add(0, fresh);
            ids.add(former);
            ReplicaKeyMap next = ReplicaKeyMap.of(ids);
            int formerKey = ids.size() - 1;
            rewrite.run(c, formerKey);
            Knowledge knowledge = st.knowledge().translatedTo(next).withTickAtMost(formerKey, sharedThrough);
            Knowledge forgotten = st.forgotten().translatedTo(next);
            scope.store.reidentify(c, fresh, knowledge, forgotten);
            try (PreparedStatement d = c.prepareStatement("DELETE FROM " + peers + " WHERE scope_name = ? AND epoch <> ?")) {
                d.setString(1, scope.definition.name()); // the ids given up before stay this replica's former ones
                d.setLong(2, FORMER_EPOCH);
                d.executeUpdate();
            }
            then.run(c, former);
            return fresh;
        });
    }

    private static List<String> versionColumns(TableModel t) {
        List<String> columns = new ArrayList<>(List.of(SqlNames.CREATION_VERSION, SqlNames.DELETE_VERSION));
        for (int u = 0; u < t.units.length; u++) {
            columns.add(SqlNames.changeUnitColumn(u));
        }
        return columns;
    }

    /** Versions of key 0 with a tick through {@code shared} get key {@code formerKey}; pending ones (negative) stay. */
    private static void rewriteOwnVersions(Connection c, TableModel t, int formerKey, long shared) throws SQLException {
        long keyUnit = 1L << Version.TICK_BITS;
        StringJoiner sets = new StringJoiner(", ");
        for (String v : versionColumns(t)) {
            sets.add(v + " = CASE WHEN " + v + " >= 0 AND " + v + " < " + keyUnit + " AND " + v + " <= " + shared + " THEN " + v
                    + " + " + (formerKey * keyUnit) + " ELSE " + v + " END");
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE " + t.tracking + " SET " + sets)) {
            p.executeUpdate();
        }
    }

    /** The columns epoch, nonce, delivered and upstream of a peer row, from column {@code first} on; empty when there is no row (NULLs of an outer join). */
    static Optional<PeerRecord> record(ResultSet rs, int first) throws SQLException {
        long epoch = rs.getLong(first);
        if (rs.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(new PeerRecord(epoch, rs.getString(first + 1), rs.getLong(first + 2), rs.getBoolean(first + 3)));
    }

    private List<PeerRecord> query(String sql, String peer) {
        try (Connection c = scope.connect(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, scope.definition.name());
            p.setString(2, peer);
            List<PeerRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs, 1).orElseThrow());
                }
            }
            return out;
        } catch (SQLException e) {
            throw new SqlFailure("Reading the peers of scope '" + scope.definition.name() + "' in", peers, e);
        } catch (RuntimeException e) {
            throw new SyncException("Reading the peers of scope '" + scope.definition.name() + "': " + e.getMessage(), e);
        }
    }
}
