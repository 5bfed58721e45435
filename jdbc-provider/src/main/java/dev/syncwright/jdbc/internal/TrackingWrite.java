package dev.syncwright.jdbc.internal;

import dev.syncwright.dialect.SqlNames;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Writes one tracking row as the provider decided it: versions stored packed, pending ones as {@link SqlNames#PENDING_VERSION}. */
final class TrackingWrite {
    private TrackingWrite() {
    }

    /**
     * Inserts ({@code exists} false) or overwrites the tracking row of {@code key}: tick, creation and
     * deletion versions, one version per unit (null: the creation version) and, where triggers leave
     * versions pending, the pending flag (set when any version written is pending).
     */
    static void write(Statements s, JdbcScope scope, TableModel t, Object[] key, long tick, long cv, Long dv, Long[] units,
                      boolean exists) throws SQLException {
        boolean pendingFlags = scope.dialect.capabilities().pendingStamps();
        Object[] row = new Object[key.length + 3 + t.units.length + (pendingFlags ? 1 : 0)];
        System.arraycopy(key, 0, row, 0, key.length);
        int col = key.length;
        row[col++] = tick;
        row[col++] = cv;
        row[col++] = dv;
        boolean pending = cv == SqlNames.PENDING_VERSION || (dv != null && dv == SqlNames.PENDING_VERSION);
        for (int u = 0; u < t.units.length; u++) {
            Long v = u < units.length ? units[u] : null;
            row[col++] = v;
            pending |= v != null && v == SqlNames.PENDING_VERSION;
        }
        if (pendingFlags) {
            row[col] = pending ? 1 : null;
        }
        if (!exists) {
            s.insert(t.insertTracking, (p, at, r) -> bind(p, at, scope, t, r, 0, r.length, pendingFlags), row);
            return;
        }
        if (t.updateTrackingRows != null) {
            // many rows per statement (ADR 062), laid out as the insert's
            s.insert(t.updateTrackingRows, (p, at, r) -> bind(p, at, scope, t, r, 0, r.length, pendingFlags), row);
            return;
        }
        PreparedStatement p = s.get(t.updateTracking);
        bind(p, 1, scope, t, row, key.length, row.length, pendingFlags);
        int at = 1 + row.length - key.length;
        for (int i = 0; i < key.length; i++) {
            scope.codec.bind(p, at + i, key[i], t.key.get(i).type());
        }
        p.addBatch();
    }

    /** Binds {@code row[from..to)} at parameter {@code at}: key values by type, versions as BIGINT, the pending flag as TINYINT. */
    private static void bind(PreparedStatement p, int at, JdbcScope scope, TableModel t, Object[] row, int from, int to,
                             boolean pendingFlags) throws SQLException {
        int keys = t.key.size();
        for (int i = from; i < to; i++, at++) {
            Object v = row[i];
            if (i < keys) {
                scope.codec.bind(p, at, v, t.key.get(i).type());
            } else if (pendingFlags && i == row.length - 1) {
                if (v == null) {
                    p.setNull(at, Types.TINYINT);
                } else {
                    p.setInt(at, 1);
                }
            } else if (v == null) {
                p.setNull(at, Types.BIGINT);
            } else {
                p.setLong(at, (Long) v);
            }
        }
    }
}
