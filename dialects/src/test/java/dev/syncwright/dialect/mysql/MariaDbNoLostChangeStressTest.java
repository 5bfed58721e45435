package dev.syncwright.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * NO LOST CHANGE on MariaDB (DESIGN §3): writer threads run short and long overlapping transactions
 * (some rolled back) that commit in random order, while two enumerators, each standing in for a
 * destination, stamp and read the changes above their watermark in a loop, applying exactly the
 * containment rule of a sync (a version at or below the destination's watermark is skipped).
 * At the end every destination equals the table, no value of a rolled-back transaction was ever
 * read, and no (row, change unit, version) was enumerated twice above the watermark.
 *
 * <p>{@code -Dsyncwright.stress.seconds=N} (default 4) sets how long writers run;
 * {@code -Dsyncwright.stress.seed=S} replays a seed.
 */
class MariaDbNoLostChangeStressTest {
    private static final int ROWS = 300;
    private static final int WRITERS = 4;
    /** Column values are txn * 1000 + op: decodable back to the transaction that wrote them. */
    private static final long OPS = 1000;

    private final Set<Long> committed = ConcurrentHashMap.newKeySet();
    private final Set<Long> valuesRead = ConcurrentHashMap.newKeySet();
    private final AtomicLong txnIds = new AtomicLong(1);
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong rollbacks = new AtomicLong();
    private final AtomicLong nextId = new AtomicLong(ROWS + 1);
    private final AtomicBoolean stop = new AtomicBoolean();

    @Test
    void everyCommittedChangeArrivesExactlyOnce() throws Exception {
        long seconds = Long.getLong("syncwright.stress.seconds", 4);
        long seed = Long.getLong("syncwright.stress.seed", System.nanoTime());
        System.out.println("MariaDbNoLostChangeStressTest seed=" + seed + " seconds=" + seconds);
        try (MariaDbTestDb db = MariaDbTestDb.create("stress")) {
            MySqlDialect dialect = db.dialect();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE acct (id INT PRIMARY KEY, a BIGINT, b BIGINT)");
                s.execute("INSERT INTO acct SELECT seq, 0, 0 FROM seq_1_to_" + ROWS);
                for (SqlStatement st : dialect.tracking().createSyncObjects()) {
                    Jdbc.execute(c, st);
                }
                TableDefinition def = dialect.schema().read(c, dialect.schema().resolve(c, "acct").orElseThrow());
                for (SqlStatement st : dialect.tracking().provisionTable(def)) {
                    Jdbc.execute(c, st);
                }
            }
            List<Thread> writers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                long writerSeed = seed + w;
                writers.add(start(failures, () -> write(db, new Random(writerSeed))));
            }
            Destination d1 = new Destination();
            Destination d2 = new Destination();
            Thread e1 = start(failures, () -> enumerateUntilStopped(db, dialect, d1));
            Thread e2 = start(failures, () -> enumerateUntilStopped(db, dialect, d2));
            Thread.sleep(seconds * 1000);
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
            e1.join();
            e2.join();
            assertThat(failures).isEmpty();
            // writers are done: a last round brings every destination up to date
            Map<Integer, long[]> table = readTable(db);
            for (Destination d : List.of(d1, d2)) {
                try (Connection c = db.connect()) {
                    d.sync(c, dialect);
                    d.sync(c, dialect);
                }
                assertThat(d.live()).as("destination equals the table").isEqualTo(table);
            }
            for (long v : valuesRead) {
                assertThat(v == 0 || committed.contains(v / OPS)).as("value %s read from a committed transaction", v).isTrue();
            }
            System.out.printf("MariaDbNoLostChangeStressTest: %d transactions committed, %d rolled back, %d enumeration"
                            + " rounds, %d changes enumerated, %d rows at the end%n", commits.get(), rollbacks.get(),
                    d1.rounds + d2.rounds, d1.enumerated.size() + d2.enumerated.size(), table.size());
            assertThat(commits.get()).isPositive();
        }
    }

    private Thread start(List<Throwable> failures, ThrowingRunnable r) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (Throwable e) {
                synchronized (failures) {
                    failures.add(e);
                }
                e.printStackTrace();
                stop.set(true);
            }
        });
        t.start();
        return t;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Transactions of 1-6 writes; 15% hold their locks for up to 300 ms; 15% roll back. */
    private void write(MariaDbTestDb db, Random rnd) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            while (!stop.get()) {
                long txn = txnIds.getAndIncrement();
                try {
                    int ops = 1 + rnd.nextInt(6);
                    for (int op = 0; op < ops; op++) {
                        long value = txn * OPS + op;
                        int id = 1 + rnd.nextInt((int) nextId.get() - 1);
                        int kind = rnd.nextInt(10);
                        if (kind < 6) {
                            exec(c, "UPDATE acct SET " + (rnd.nextBoolean() ? "a" : "b") + " = ? WHERE id = ?", value, id);
                        } else if (kind < 7) {
                            exec(c, "UPDATE acct SET a = ?, b = ? WHERE id = ?", value, value, id);
                        } else if (kind < 8) {
                            exec(c, "UPDATE acct SET a = a WHERE id = ?", id); // changes nothing
                        } else if (kind < 9) {
                            exec(c, "DELETE FROM acct WHERE id = ?", id);
                        } else {
                            exec(c, "INSERT INTO acct VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE a = VALUES(a)",
                                    rnd.nextInt(4) == 0 ? id : nextId.getAndIncrement(), value, value);
                        }
                    }
                    if (rnd.nextInt(100) < 15) {
                        Thread.sleep(rnd.nextInt(300));
                    }
                    if (rnd.nextInt(100) < 15) {
                        c.rollback();
                        rollbacks.incrementAndGet();
                    } else {
                        c.commit();
                        committed.add(txn);
                        commits.incrementAndGet();
                    }
                } catch (SQLException e) {
                    c.rollback(); // deadlock or lock wait between writers: the transaction is gone
                    rollbacks.incrementAndGet();
                }
            }
        }
    }

    private void enumerateUntilStopped(MariaDbTestDb db, MySqlDialect dialect, Destination d) throws Exception {
        try (Connection c = db.connect()) {
            while (!stop.get()) {
                d.sync(c, dialect);
            }
        }
    }

    /** A destination replica of the local changes: per row, per change unit, a value and its version. */
    final class Destination {
        final Map<Integer, long[]> rows = new HashMap<>(); // id -> {a, va, b, vb}, version -1 = unknown
        final Set<String> enumerated = new HashSet<>();
        long watermark;
        int rounds;

        void sync(Connection c, MySqlDialect dialect) throws SQLException {
            c.setAutoCommit(false);
            long w = dialect.ticks().safeWatermark(c); // leaves c in the snapshot that saw w
            try (PreparedStatement ps = c.prepareStatement("SELECT t.id, t.sw_cv, t.sw_dv, t.sw_v0, t.sw_v1, x.a, x.b"
                    + " FROM syncwright_trk_acct t LEFT JOIN acct x ON x.id = t.id WHERE t.sw_tick > ? AND t.sw_tick <= ?")) {
                ps.setLong(1, watermark);
                ps.setLong(2, w);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        apply(rs.getInt(1), rs.getLong(2), (Long) rs.getObject(3), (Long) rs.getObject(4), (Long) rs.getObject(5),
                                (Long) rs.getObject(6), (Long) rs.getObject(7));
                    }
                }
            }
            c.commit();
            watermark = w;
            rounds++;
        }

        /** The sync rule: a version the destination's knowledge (its watermark) contains is skipped. */
        private void apply(int id, long cv, Long dv, Long v0, Long v1, Long a, Long b) {
            if (cv < 0 || (dv != null && dv < 0)) {
                return; // an incarnation or deletion not stamped yet: it comes with a later watermark
            }
            if (dv != null) {
                if (dv > watermark) {
                    once(id + "/dv/" + dv);
                    rows.remove(id);
                }
                return;
            }
            if (cv > watermark) {
                once(id + "/cv/" + cv);
                rows.put(id, new long[] {0, -1, 0, -1});
            }
            long[] r = rows.get(id);
            assertThat(r).as("row %s is known before its change units arrive", id).isNotNull();
            long va = v0 == null ? cv : v0;
            long vb = v1 == null ? cv : v1;
            if (va >= 0 && va > watermark) {
                once(id + "/a/" + va);
                r[0] = a;
                r[1] = va;
                valuesRead.add(a);
            }
            if (vb >= 0 && vb > watermark) {
                once(id + "/b/" + vb);
                r[2] = b;
                r[3] = vb;
                valuesRead.add(b);
            }
        }

        private void once(String change) {
            assertThat(enumerated.add(change)).as("%s enumerated twice above the watermark", change).isTrue();
        }

        Map<Integer, long[]> live() {
            Map<Integer, long[]> out = new HashMap<>();
            rows.forEach((id, r) -> {
                assertThat(r[1]).as("row %s column a arrived", id).isNotNegative();
                assertThat(r[3]).as("row %s column b arrived", id).isNotNegative();
                out.put(id, new long[] {r[0], r[2]});
            });
            return normalize(out);
        }
    }

    private static Map<Integer, long[]> readTable(MariaDbTestDb db) throws SQLException {
        Map<Integer, long[]> out = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, a, b FROM acct")) {
            while (rs.next()) {
                out.put(rs.getInt(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        return normalize(out);
    }

    /** long[] has identity equals; compare as lists. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<Integer, long[]> normalize(Map<Integer, long[]> m) {
        Map out = new java.util.TreeMap<Integer, List<Long>>();
        m.forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
        return out;
    }

    private static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
