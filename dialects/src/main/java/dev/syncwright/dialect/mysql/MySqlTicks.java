package dev.syncwright.dialect.mysql;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.TickStrategy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commit-safe local clock of MySQL/MariaDB (docs/adr/020-mysql-commit-safe-ticks.md).
 *
 * <p>The rule that makes it exact: <b>a tick is only written by a transaction that holds the clock
 * row's lock and moves the clock to that tick</b>, so ticks become visible in order, atomically with
 * the clock. Triggers take no tick; they mark rows pending. {@link #stamp} gives committed pending
 * rows a fresh tick, skipping (SKIP LOCKED) rows that open transactions have written and still lock:
 * those are stamped by a later pass, after their commit, above every watermark published so far. A
 * rolled-back write never commits, so it is never stamped. Two enumerators serialize on the clock
 * row. Stamping never waits for a writer's row lock, so it cannot deadlock with writers; it runs
 * in READ COMMITTED so it takes no gap locks that would block their inserts.
 *
 * <p>Why a reader should read the clock <em>in its own snapshot</em> ({@link #openSnapshot}): stamps
 * commit in tick order, so a snapshot that sees clock W sees every stamp ≤ W and none above it, and
 * every row stamped in (lo, W] is in it with sw_tick in (lo, W] (a later write leaves sw_tick alone
 * while the row is pending). With a watermark taken before the snapshot instead, a concurrent
 * enumerator may re-stamp such a row above W first, and the versions it kept are then lost for
 * that reader (SPI-REQUESTS R2).
 */
final class MySqlTicks implements TickStrategy {
    private static final int MAX_ATTEMPTS = 50;
    private static final String TRACKING_COLUMNS = """
            SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE FROM information_schema.COLUMNS c
            WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME LIKE 'syncwright\\_trk\\_%'
            ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION""";

    private final MySqlNames names;
    private final MySqlTrackingSql sql;

    MySqlTicks(MySqlNames names, MySqlTrackingSql sql) {
        this.names = names;
        this.sql = sql;
    }

    /**
     * Reserves the next tick for the provider's writes in the caller's open transaction. It locks the
     * clock row until that transaction ends, so no stamp or other reservation can publish a higher
     * tick before these rows are visible. Call it first in the transaction (lock order: clock, then
     * rows), and keep such transactions short: enumerators wait for them.
     */
    @Override
    public long nextTick(Connection c) {
        try {
            if (c.getAutoCommit()) {
                throw new SyncException("nextTick needs an open transaction (autocommit is on): the clock lock must"
                        + " last until the rows written with the tick commit");
            }
            long tick = lockClock(c) + 1;
            setClock(c, tick);
            return tick;
        } catch (SQLException e) {
            throw new SqlFailure("Reserving a tick in", MySqlNames.CLOCK, e);
        }
    }

    /**
     * Stamps the committed pending rows of every tracking table in the connection's database, in
     * transactions of its own, and returns the clock. If the connection was not in auto-commit mode,
     * it is left inside a REPEATABLE READ consistent-snapshot transaction and the value returned is
     * the clock <em>that snapshot</em> sees: read the changes in that same transaction, then end it.
     */
    @Override
    public long safeWatermark(Connection c) {
        try {
            boolean auto = c.getAutoCommit();
            if (!auto) {
                c.rollback(); // "the first thing of a transaction": nothing to lose
            }
            long clock = stamp(c, trackingTables(c));
            return auto ? clock : openSnapshot(c);
        } catch (SQLException e) {
            throw new SqlFailure("Stamping pending changes in", MySqlNames.CLOCK, e);
        }
    }

    /** Keys of at most this many rows go into one UPDATE. */
    private static final int KEYS_PER_UPDATE = 500;

    /** One tracking table as stamping needs it; {@code binaryKey[i]}: key column i is read and bound as bytes. */
    record Tracked(TableName table, List<String> key, boolean[] binaryKey, int unitCount) {
    }

    /** The tracking tables of the connection's database, read from the catalog. */
    List<Tracked> trackingTables(Connection c) throws SQLException {
        Map<TableName, List<String>> key = new LinkedHashMap<>();
        Map<TableName, List<Boolean>> binary = new LinkedHashMap<>();
        Map<TableName, Integer> units = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TRACKING_COLUMNS)) {
            while (rs.next()) {
                TableName t = new TableName(rs.getString(1), rs.getString(2));
                String col = rs.getString(3);
                key.computeIfAbsent(t, x -> new ArrayList<>());
                binary.computeIfAbsent(t, x -> new ArrayList<>());
                units.merge(t, col.matches("sw_v[0-9]+") ? 1 : 0, Integer::sum);
                if (!col.startsWith("sw_")) {
                    key.get(t).add(col);
                    String type = rs.getString(4).toLowerCase(java.util.Locale.ROOT);
                    binary.get(t).add(type.contains("binary") || type.contains("blob") || type.equals("bit"));
                }
            }
        }
        List<Tracked> out = new ArrayList<>();
        key.forEach((t, k) -> {
            boolean[] b = new boolean[k.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = binary.get(t).get(i);
            }
            out.add(new Tracked(t, k, b, units.get(t)));
        });
        return out;
    }

    /**
     * Stamps every committed pending row of {@code tables}; returns the clock afterwards. Runs its own
     * short transactions (the connection must not be inside one) and restores auto-commit and
     * isolation.
     */
    long stamp(Connection c, List<Tracked> tables) throws SQLException {
        boolean auto = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        String zone = sessionTimeZone(c);
        try {
            // keys travel as text; in UTC a TIMESTAMP key has no ambiguous (DST) spelling
            setTimeZone(c, "+00:00");
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            Pass pass;
            do {
                pass = null;
                for (int attempt = 1; pass == null; attempt++) {
                    pass = stampPass(c, tables, attempt);
                }
            } while (pass.morePending());
            return pass.clock();
        } finally {
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(auto);
            setTimeZone(c, zone);
        }
    }

    private static String sessionTimeZone(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@session.time_zone")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void setTimeZone(Connection c, String zone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SET time_zone = ?")) {
            ps.setString(1, zone);
            ps.execute();
        }
    }

    private record Pass(long clock, boolean morePending) {
    }

    /** One transaction: lock the clock, stamp up to a chunk per table with clock + 1. null = retry. */
    private Pass stampPass(Connection c, List<Tracked> tables, int attempt) throws SQLException {
        try {
            long clock = lockClock(c);
            long tick = clock + 1;
            int stamped = 0;
            boolean more = false;
            for (Tracked t : tables) {
                List<Object[]> keys = lockCandidates(c, t);
                more |= keys.size() >= MySqlTrackingSql.STAMP_CHUNK;
                for (int from = 0; from < keys.size(); from += KEYS_PER_UPDATE) {
                    stamped += stampRows(c, t, keys.subList(from, Math.min(keys.size(), from + KEYS_PER_UPDATE)), tick);
                }
            }
            if (stamped == 0) {
                c.rollback();
                return new Pass(clock, false);
            }
            setClock(c, tick);
            c.commit();
            return new Pass(tick, more);
        } catch (SQLException e) {
            c.rollback();
            // 1213 deadlock, 1205 lock wait timeout: nothing was committed, so retrying is safe.
            if ((e.getErrorCode() == 1213 || e.getErrorCode() == 1205) && attempt < MAX_ATTEMPTS) {
                return null;
            }
            throw e;
        }
    }

    private List<Object[]> lockCandidates(Connection c, Tracked t) throws SQLException {
        List<Object[]> keys = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.stampCandidates(t.table(), t.key()))) {
            while (rs.next()) {
                Object[] k = new Object[t.key().size()];
                for (int i = 0; i < k.length; i++) {
                    k[i] = t.binaryKey()[i] ? rs.getBytes(i + 1) : rs.getString(i + 1);
                }
                keys.add(k);
            }
        }
        return keys;
    }

    private int stampRows(Connection c, Tracked t, List<Object[]> keys, long tick) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.stamp(t.table(), t.key(), t.unitCount(), keys.size()))) {
            int p = 1;
            for (int i = 0; i < MySqlTrackingSql.stampTickParameters(t.unitCount()); i++) {
                ps.setLong(p++, tick);
            }
            for (Object[] k : keys) {
                for (Object v : k) {
                    if (v instanceof byte[] b) {
                        ps.setBytes(p++, b);
                    } else {
                        ps.setString(p++, (String) v);
                    }
                }
            }
            int n = ps.executeUpdate();
            if (n != keys.size()) {
                // a key that does not find its row again would stay pending for ever: fail loudly
                throw new SyncException("Stamping " + t.table() + ": " + keys.size() + " pending rows locked but " + n
                        + " updated; a key value did not round-trip (key columns " + t.key() + ")");
            }
            return n;
        }
    }

    /**
     * Starts a REPEATABLE READ transaction with a consistent snapshot and returns the clock that
     * snapshot sees: the exact watermark for everything read in the same transaction.
     */
    long openSnapshot(Connection c) throws SQLException {
        if (c.getAutoCommit()) {
            c.setAutoCommit(false);
        } else {
            c.rollback();
        }
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = c.createStatement()) {
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            try (ResultSet rs = s.executeQuery("SELECT `tick` FROM " + names.clock() + " WHERE `id` = 1")) {
                return clockValue(rs);
            }
        }
    }

    private long lockClock(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT `tick` FROM " + names.clock() + " WHERE `id` = 1 FOR UPDATE")) {
            return clockValue(rs);
        }
    }

    private static long clockValue(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new SyncException("The clock row of " + MySqlNames.CLOCK + " is missing: provision the database first");
        }
        return rs.getLong(1);
    }

    private void setClock(Connection c, long tick) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + names.clock() + " SET `tick` = ? WHERE `id` = 1")) {
            ps.setLong(1, tick);
            ps.executeUpdate();
        }
    }
}
