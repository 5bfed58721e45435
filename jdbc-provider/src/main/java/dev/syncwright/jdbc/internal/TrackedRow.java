package dev.syncwright.jdbc.internal;

import dev.syncwright.dialect.ValueCodec;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.dialect.SqlNames;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A tracking row (and, when joined, its base row's values) read from a result set. */
final class TrackedRow {
    /**
     * A local version whose tick is still being stamped (MySQL/MariaDB triggers write -1): a local
     * change no other replica can know yet. It stands for "newer than anything", and is written back
     * as pending.
     */
    static final Version PENDING = Version.local(Version.MAX_TICK);

    final Object[] key;
    final ItemId id;
    final long tick;
    final long cv;
    final Long dv;
    final Long[] unitVersions;
    final Object[] values;
    /** Why a value of the row could not be read exactly (then {@code values} is null), or null. */
    final String unreadable;

    private TrackedRow(Object[] key, ItemId id, long tick, long cv, Long dv, Long[] unitVersions, Object[] values, String unreadable) {
        this.key = key;
        this.id = id;
        this.tick = tick;
        this.cv = cv;
        this.dv = dv;
        this.unitVersions = unitVersions;
        this.values = values;
        this.unreadable = unreadable;
    }

    /** Reads key, tick, versions and (when {@code withValues}) the values, in the column order TableModel selects them. */
    static TrackedRow read(ResultSet rs, TableModel t, ValueCodec codec, boolean withValues) throws SQLException {
        int col = 1;
        Object[] key = new Object[t.key.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = codec.read(rs, col++, t.key.get(i).type());
        }
        long tick = rs.getLong(col++);
        long cv = rs.getLong(col++);
        long dvRaw = rs.getLong(col++);
        Long dv = rs.wasNull() ? null : dvRaw;
        Long[] units = new Long[t.units.length];
        for (int u = 0; u < units.length; u++) {
            long v = rs.getLong(col++);
            units[u] = rs.wasNull() ? null : v;
        }
        Object[] values = null;
        String unreadable = null;
        if (withValues) {
            values = new Object[t.units.length];
            try {
                for (int u = 0; u < values.length; u++) {
                    values[u] = t.units[u] == null ? null : codec.read(rs, col, t.units[u].type());
                    col++;
                }
            } catch (dev.syncwright.core.SyncException e) {
                // one row's stored value: the row is withheld and reported, the others travel
                values = null;
                unreadable = "table " + t.name() + ", row " + ScopeStore.json(key) + ": " + e.getMessage();
            }
        }
        return new TrackedRow(key, t.keys.encode(key), tick, cv, dv, units, values, unreadable);
    }

    /** True when the row holds a version still being stamped. */
    boolean pending() {
        if (cv < 0 || (dv != null && dv < 0)) {
            return true;
        }
        for (Long v : unitVersions) {
            if (v != null && v < 0) {
                return true;
            }
        }
        return false;
    }

    ItemMetadata metadata() {
        Version c = version(cv);
        if (dv != null) {
            return ItemMetadata.tombstone(id, c, version(dv), tick);
        }
        Version[] u = new Version[unitVersions.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = unitVersions[i] == null ? null : version(unitVersions[i]);
        }
        return ItemMetadata.live(id, c, u, tick);
    }

    /** The highest replica key among the row's versions (a pending one is local, key 0). */
    int maxReplicaKey() {
        int max = version(cv).replicaKey();
        if (dv != null) {
            max = Math.max(max, version(dv).replicaKey());
        }
        for (Long v : unitVersions) {
            max = v == null ? max : Math.max(max, version(v).replicaKey());
        }
        return max;
    }

    private static Version version(long packed) {
        return packed == SqlNames.PENDING_VERSION ? PENDING : Version.unpack(packed);
    }

    /** The stored form of a version: pending stays pending. */
    static long store(Version v) {
        return v.equals(PENDING) ? SqlNames.PENDING_VERSION : v.pack();
    }
}
