package dev.syncwright.tracking;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The commit-order trap (DESIGN §3), as a test: writer threads run short and long transactions that
 * overlap, update shared rows late in long transactions, and roll some back, while an enumerator
 * replicates the table in a loop: W = safeWatermark, rows with {@code sw_tick > lastW}, versions in
 * {@code (lastW, W]} emitted. At the end the replica must equal the table (no change lost) and no
 * version may have been emitted twice. Like the runtime, the replica takes a value only when its change-unit version is
 * above what it already knows ({@code > lastWatermark}), so a change skipped over stays lost. Duration: {@code -Dsyncwright.stress.seconds} (default 3); seed:
 * {@code -Dsyncwright.stress.seed}.
 */
public abstract class NoLostChangeContractTest extends ContractSupport {
    private static final int SHARED_ROWS = 20;
    private static final long ID_SPACE = 1_000_000_000L;

    protected int writerThreads() {
        return 4;
    }

    /** Upper bound of the sleep inside a long transaction, in milliseconds. */
    protected int longTransactionMillis() {
        return 200;
    }

    /** Pause after each writer transaction; SQLite's lock is not fair, so the enumerator needs a gap. */
    protected int pauseMillis() {
        return 0;
    }

    /** Pause between enumeration rounds (SQLite: the round holds the single write lock). */
    protected int enumeratorPauseMillis() {
        return 0;
    }

    /** Provisions the scope (a subclass may choose how its changes are captured). */
    protected void provision(SyncScope scope) {
        provisioner.provision(scope);
    }

    /** Before each watermark: where changes are captured from the log, the enumerator captures them first (ADR 065). */
    protected void beforeWatermark(Connection c) throws SQLException {
    }

    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    @Test
    void everyCommittedChangeIsEnumeratedAndNoneTwice() throws Exception {
        long seconds = Long.getLong("syncwright.stress.seconds", 3);
        long seed = Long.getLong("syncwright.stress.seed", System.nanoTime());
        sql("CREATE TABLE " + q("stress") + " (" + q("id") + " BIGINT NOT NULL PRIMARY KEY, " + q("val") + " BIGINT NOT NULL)");
        for (int i = 1; i <= SHARED_ROWS; i++) {
            sql("INSERT INTO " + q("stress") + " VALUES (" + i + ", 0)");
        }
        provision(SyncScope.named("stress").tables("stress").build());

        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int w = 1; w <= writerThreads(); w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try {
                    write(writer, new Random(seed + writer), stop);
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "writer-" + w);
            t.start();
            threads.add(t);
        }
        Map<Long, Long> replica = new HashMap<>();
        Set<String> seen = new HashSet<>();
        long[] stats = new long[3]; // rounds, rows read, duplicates
        long last = 0;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (Connection c = writer()) {
            c.setAutoCommit(false); // the enumeration contract: W is consistent with the snapshot it leaves open
            while (System.nanoTime() < deadline) {
                last = enumerate(c, last, replica, seen, stats);
                if (enumeratorPauseMillis() > 0) {
                    Thread.sleep(enumeratorPauseMillis());
                }
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            last = enumerate(c, last, replica, seen, stats);
        }
        System.out.printf("[no-lost-change] %s seed=%d %ds: %d transactions committed, %d rolled back, %d failed (lock/busy); "
                        + "%d enumeration rounds emitted %d versions, %d duplicates%n", dialect.id(), seed, seconds, committed.get(),
                rolledBack.get(), failed.get(), stats[0], stats[1], stats[2]);
        assertThat(errors).isEmpty();
        assertThat(stats[2]).as("versions emitted twice").isZero();
        Map<Long, Long> actual = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + q("id") + ", " + q("val") + " FROM " + q("stress"))) {
            while (rs.next()) {
                actual.put(rs.getLong(1), rs.getLong(2));
            }
        }
        assertThat(replica).as("replica built from enumerated changes (seed %d)", seed).isEqualTo(actual);
        assertThat(committed.get()).isPositive();
    }

    /** One round, read as {@link dev.syncwright.dialect.TickStrategy#safeWatermark} prescribes. */
    private long enumerate(Connection c, long last, Map<Long, Long> replica, Set<String> seen, long[] stats) throws SQLException {
        beforeWatermark(c);
        long w = dialect.ticks().safeWatermark(c);
        String tr = dialect.names().trackingTable(table("stress"));
        try (PreparedStatement ps = c.prepareStatement("SELECT tr." + q("id") + ", tr.sw_dv, b." + q("val")
                + ", tr.sw_cv, tr.sw_v0 FROM " + tr + " tr LEFT JOIN " + q("stress") + " b ON b." + q("id") + " = tr." + q("id")
                + " WHERE tr.sw_tick > ?")) {
            ps.setLong(1, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    long dv = rs.getLong(2);
                    boolean tombstone = !rs.wasNull();
                    long val = rs.getLong(3);
                    boolean gone = rs.wasNull();
                    long cv = rs.getLong(4);
                    long v0 = rs.getLong(5);
                    long version = rs.wasNull() ? cv : v0;
                    if (tombstone) {
                        if (inWindow(dv, last, w) && emit(seen, stats, id + ":d:" + dv)) {
                            replica.remove(id);
                        }
                        continue;
                    }
                    if (gone || version < 0 || cv < 0) {
                        continue; // pending (lazily stamped dialects): comes with a later watermark
                    }
                    boolean created = inWindow(cv, last, w) && emit(seen, stats, id + ":c:" + cv);
                    boolean changed = version != cv && inWindow(version, last, w) && emit(seen, stats, id + ":v:" + version);
                    // like the runtime: a version the destination's knowledge (<= last) contains is not sent,
                    // so a change that was skipped over stays lost here
                    if (created || changed) {
                        replica.put(id, val);
                    }
                }
            }
        }
        c.commit();
        stats[0]++;
        return w;
    }

    private static boolean inWindow(long version, long last, long w) {
        return version > last && version <= w;
    }

    /** Records an emitted version; false (and a duplicate counted) when it was emitted before. */
    private static boolean emit(Set<String> seen, long[] stats, String key) {
        stats[1]++;
        if (!seen.add(key)) {
            stats[2]++;
            return false;
        }
        return true;
    }

    private void write(int writer, Random rnd, AtomicBoolean stop) throws SQLException, InterruptedException {
        List<Long> live = new ArrayList<>();
        long next = writer * ID_SPACE;
        String t = q("stress");
        try (Connection c = writer()) {
            c.setAutoCommit(false);
            while (!stop.get()) {
                List<Long> txLive = new ArrayList<>(live);
                try (Statement s = c.createStatement()) {
                    int ops = 1 + rnd.nextInt(4);
                    for (int k = 0; k < ops; k++) {
                        int op = rnd.nextInt(10);
                        if (op < 5 || txLive.isEmpty()) {
                            long id = ++next;
                            s.executeUpdate("INSERT INTO " + t + " VALUES (" + id + ", " + rnd.nextInt(1000) + ")");
                            txLive.add(id);
                        } else if (op < 8) {
                            long id = txLive.get(rnd.nextInt(txLive.size()));
                            s.executeUpdate("UPDATE " + t + " SET " + q("val") + " = " + q("val") + " + 1 WHERE " + q("id") + " = " + id);
                        } else {
                            long id = txLive.remove(rnd.nextInt(txLive.size()));
                            s.executeUpdate("DELETE FROM " + t + " WHERE " + q("id") + " = " + id);
                        }
                    }
                    if (rnd.nextInt(10) < 3) {
                        Thread.sleep(1 + rnd.nextInt(longTransactionMillis()));
                    }
                    if (rnd.nextInt(10) < 3) {
                        // late in a transaction that may have started long ago: the row may have been changed
                        // and enumerated meanwhile, this write must still come out above the watermark
                        s.executeUpdate("UPDATE " + t + " SET " + q("val") + " = " + q("val") + " + 1 WHERE " + q("id") + " = "
                                + (1 + rnd.nextInt(SHARED_ROWS)));
                    }
                    if (rnd.nextInt(10) == 0) {
                        c.rollback();
                        rolledBack.incrementAndGet();
                    } else {
                        c.commit();
                        committed.incrementAndGet();
                        live = txLive;
                    }
                } catch (SQLException e) {
                    c.rollback();
                    failed.incrementAndGet();
                }
                if (pauseMillis() > 0) {
                    Thread.sleep(pauseMillis());
                }
            }
        }
    }
}
