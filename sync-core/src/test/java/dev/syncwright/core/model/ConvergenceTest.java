package dev.syncwright.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.Version;
import dev.syncwright.core.memory.MemoryReplica;
import dev.syncwright.core.model.Oracle.Decision;
import dev.syncwright.core.model.Oracle.Ev;
import dev.syncwright.core.model.Oracle.Expected;
import dev.syncwright.core.model.Oracle.Item;
import dev.syncwright.core.model.Oracle.St;
import dev.syncwright.core.spi.ItemChange;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Randomized, model-based convergence test (issue 2). 2-6 in-memory replicas with rows of several
 * columns; random inserts, column updates, deletes and re-inserts of deleted keys; random syncs
 * over star, chain, ring, mesh and random topologies, some interrupted after k batches (before or
 * inside a batch's transaction), some tombstone cleanups. Checked against {@link Oracle} after
 * every session: what is sent (nothing the destination knows, nothing it misses), which conflicts
 * are reported (exactly the concurrent pairs), and the destination's data; at the end, every
 * replica converges.
 *
 * <p>System properties: {@code syncwright.seed} (first seed), {@code syncwright.seeds} (how many
 * consecutive seeds), {@code syncwright.replicas} (fixed replica count, else random 2-6),
 * {@code syncwright.rounds} (sessions per seed).
 */
class ConvergenceTest {
    static final int COLUMNS = 3;
    static final String[] TOPOLOGIES = {"star", "chain", "ring", "mesh", "random"};

    static long totalSessions, totalSent, totalConflicts, totalInterrupted, totalFull, totalCleanups;

    @Test
    void replicasConvergeAndMatchTheOracle() {
        long first = Long.getLong("syncwright.seed", 1L);
        int seeds = Integer.getInteger("syncwright.seeds", 60);
        long start = System.nanoTime();
        for (long seed = first; seed < first + seeds; seed++) {
            try {
                new World(seed).run();
            } catch (Throwable t) {
                throw new AssertionError("Convergence test failed for seed " + seed + " (rerun alone with -Dsyncwright.seed="
                        + seed + " -Dsyncwright.seeds=1): " + t.getMessage(), t);
            }
        }
        System.out.printf("convergence: %d seeds from %d, %d sessions (%d interrupted, %d full enumerations), %d changes sent,"
                + " %d conflicts, %d cleanups, 0 over-sent, %.1f s%n", seeds, first, totalSessions, totalInterrupted, totalFull,
                totalSent, totalConflicts, totalCleanups, (System.nanoTime() - start) / 1e9);
        assertThat(totalSessions).isPositive();
    }

    static final class World {
        final long seed;
        final Random rnd;
        final int n;
        final int rounds;
        final String topology;
        final List<MemoryReplica> reps = new ArrayList<>();
        final List<ItemId> keys = new ArrayList<>();
        final Oracle oracle;
        int valueCounter;

        World(long seed) {
            this.seed = seed;
            this.rnd = new Random(seed);
            int fixed = Integer.getInteger("syncwright.replicas", 0);
            this.n = fixed > 0 ? fixed : 2 + rnd.nextInt(5);
            this.rounds = Integer.getInteger("syncwright.rounds", 60);
            this.topology = TOPOLOGIES[rnd.nextInt(TOPOLOGIES.length)];
            for (int i = 0; i < n; i++) {
                reps.add(new MemoryReplica(ReplicaId.of(new UUID(seed, i * 7919L + rnd.nextInt(1000))), COLUMNS));
            }
            int k = 4 + rnd.nextInt(12);
            for (int i = 0; i < k; i++) {
                keys.add(ItemId.ofLong(rnd.nextInt(40) - 20));
            }
            oracle = new Oracle(n, COLUMNS);
        }

        void run() {
            for (int round = 0; round < rounds; round++) {
                int edits = rnd.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    localEdit(rnd.nextInt(n));
                }
                int[] pair = pick(round);
                if (rnd.nextInt(12) == 0) {
                    cleanup(rnd.nextInt(n));
                }
                Decision d = Decision.values()[rnd.nextInt(10) == 0 ? 2 : rnd.nextInt(2)];
                int failAt = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(3) : 0;
                session(pair[0], pair[1], d, failAt, 1 + rnd.nextInt(4));
            }
            converge();
        }

        int[] pick(int round) {
            int a, b;
            switch (topology) {
                case "star" -> {
                    a = 0;
                    b = 1 + rnd.nextInt(n - 1);
                }
                case "chain" -> {
                    a = rnd.nextInt(n - 1);
                    b = a + 1;
                }
                case "ring" -> {
                    a = rnd.nextInt(n);
                    b = (a + 1) % n;
                }
                case "mesh" -> {
                    int pairs = n * (n - 1) / 2;
                    int p = round % pairs;
                    a = 0;
                    while (p >= n - 1 - a) {
                        p -= n - 1 - a;
                        a++;
                    }
                    b = a + 1 + p;
                }
                default -> {
                    a = rnd.nextInt(n);
                    do {
                        b = rnd.nextInt(n);
                    } while (b == a);
                }
            }
            return rnd.nextBoolean() ? new int[] {a, b} : new int[] {b, a};
        }

        void localEdit(int r) {
            MemoryReplica rep = reps.get(r);
            ItemId id = keys.get(rnd.nextInt(keys.size()));
            Object[] row = rep.get(id);
            Ev ev;
            ItemMetadata m;
            if (row == null) {
                Object[] values = new Object[COLUMNS];
                for (int c = 0; c < COLUMNS; c++) {
                    values[c] = value(r);
                }
                rep.insert(id, values);
                trace("insert r" + r + " " + id);
                ev = oracle.insert(r, id, values);
                m = rep.metadata().item(id);
                label(ev, rep, m.creationVersion());
            } else if (rnd.nextInt(4) == 0) {
                rep.delete(id);
                trace("delete r" + r + " " + id);
                ev = oracle.delete(r, id);
                label(ev, rep, rep.metadata().item(id).deletionVersion());
            } else {
                int c = rnd.nextInt(COLUMNS);
                Object v = value(r);
                rep.update(id, c, v);
                ev = oracle.update(r, id, c, v);
                label(ev, rep, rep.metadata().item(id).unitVersion(c));
            }
        }

        String value(int r) {
            return "r" + r + "v" + (++valueCounter);
        }

        void label(Ev ev, MemoryReplica rep, Version v) {
            ev.replica = rep.metadata().knowledge().keys().replicaId(v.replicaKey());
            ev.tick = v.tick();
        }

        void cleanup(int r) {
            MemoryReplica rep = reps.get(r);
            long upTo = rep.metadata().tickCount() - rnd.nextInt(5);
            rep.cleanupTombstones(upTo);
            trace("cleanup r" + r);
            totalCleanups++;
            oracle.replicas.get(r).forEach((id, it) -> {
                if (rep.metadata().item(id) == null && it.st != St.NONE && it.st != St.FORGOTTEN) {
                    assertThat(it.st).as("cleanup removed a non-tombstone %s on replica %d", id, r).isEqualTo(St.TOMB);
                    it.st = St.FORGOTTEN;
                }
            });
        }

        ConflictPolicy policy(Decision d) {
            return switch (d) {
                case SOURCE -> rnd.nextBoolean() ? ConflictPolicy.sourceWins() : ConflictPolicy.merge(ConflictPolicy.sourceWins());
                case DESTINATION -> rnd.nextBoolean() ? ConflictPolicy.destinationWins() : ConflictPolicy.merge(ConflictPolicy.destinationWins());
                case DEFER -> ConflictPolicy.defer();
            };
        }

        /** One one-way session src -> dst, modelled item by item over the ranges the committed batches cover. */
        void session(int src, int dst, Decision decision, int failAt, int batchRows) {
            MemoryReplica s = reps.get(src);
            MemoryReplica d = reps.get(dst);
            TapProvider tap = new TapProvider(d, failAt, rnd.nextBoolean());
            totalSessions++;
            boolean failed = false;
            try {
                SyncOrchestrator.between(s, tap).direction(SyncDirection.UPLOAD).conflicts(policy(decision)).batchSizeRows(batchRows).run();
            } catch (SyncException e) {
                if (!(e.getCause() instanceof TapProvider.InjectedFailure)) {
                    throw e;
                }
                failed = true;
                totalInterrupted++;
            }
            oracle.mintedThisSession.clear();
            TreeMap<ItemId, Item> so = oracle.replicas.get(src);
            TreeMap<ItemId, Item> dof = oracle.replicas.get(dst);
            Set<ItemId> universe = new java.util.TreeSet<>(keys);
            List<String> expectedConflicts = new ArrayList<>();
            List<String> actualConflicts = new ArrayList<>();
            for (TapProvider.Applied a : tap.applied) {
                var batch = a.batch();
                if (batch.fullEnumeration() && a == tap.applied.get(0)) {
                    totalFull++;
                }
                Set<ItemId> sent = new HashSet<>();
                for (ItemChange c : batch.changes()) {
                    sent.add(c.itemId());
                }
                totalSent += sent.size();
                for (ItemId id : universe) {
                    if (id.compareTo(batch.rangeStart()) < 0 || (batch.rangeEnd() != null && id.compareTo(batch.rangeEnd()) > 0)) {
                        continue;
                    }
                    Item si = oracle.item(src, id);
                    Item di = oracle.item(dst, id);
                    boolean should = Oracle.shouldSend(si, di);
                    if (sent.contains(id) != should) {
                        throw new AssertionError((should ? "missing change: " : "over-sent change (destination knows it): ") + id
                                + " from r" + src + " to r" + dst + " source=" + si + " dest=" + di);
                    }
                    // Out of date (DESIGN: its knowledge lacks the source's forgotten knowledge), where it
                    // matters: the source holds no record of the destination's live item and knows every
                    // version of it, so only a full enumeration can tell the destination it was deleted.
                    // (Knowing only some of its versions, the source could not delete it even then: the
                    // item is live at the destination because an update concurrent with the deletion the
                    // source forgot reached it, possibly after it learned that deletion; seeds 104227,
                    // 175343. The data checks after each session and the final convergence cover those.)
                    if (!batch.fullEnumeration() && (si.st == St.NONE || si.st == St.FORGOTTEN) && di.st == St.LIVE
                            && Oracle.allKnownBy(di, si)) {
                        throw new AssertionError("r" + dst + " should have been found out of date with r" + src + " for " + id + " source=" + si
                                + " knowsE=" + si.known[0] + " dest=" + di + " knowsE=" + di.known[0]);
                    }
                    var keys = a.forgottenBefore().keys().extendedWith(batch.madeWith().keys());
                    boolean covered = batch.madeWith().translatedTo(keys).itemVector(id)
                            .dominates(a.forgottenBefore().translatedTo(keys).itemVector(id));
                    Oracle.Outcome o = oracle.apply(dst, id, si, di, decision, should, batch.fullEnumeration(), d.replicaId(), covered);
                    if (o.conflict != null) {
                        expectedConflicts.add(o.conflict.toString());
                    }
                }
                for (Conflict c : a.plan().conflicts()) {
                    actualConflicts.add(new Expected(c.itemId(), c.kind(), c.changeUnits()).toString());
                }
            }
            totalConflicts += actualConflicts.size();
            expectedConflicts.sort(null);
            actualConflicts.sort(null);
            assertThat(actualConflicts).as("conflicts r%d -> r%d (%s)", src, dst, decision).isEqualTo(expectedConflicts);
            for (Object[] m : oracle.mintedThisSession) {
                labelMint((ItemId) m[0], (Ev) m[1], (String) m[2], d, oracle.item(dst, (ItemId) m[0]));
            }
            assertData(dst);
            trace("sync r" + src + "->r" + dst + " " + decision + (failed ? " interrupted" : "") + (tap.applied.isEmpty() ? "" : tap.applied.get(0).batch().fullEnumeration() ? " FULL" : ""));
            assertThat(failed || tap.applied.isEmpty() || tap.applied.get(tap.applied.size() - 1).batch().last()).isTrue();
        }

        void trace(String what) {
            String t = System.getProperty("syncwright.trace");
            if (t == null) {
                return;
            }
            ItemId id = ItemId.ofLong(Long.parseLong(t));
            StringBuilder sb = new StringBuilder(what);
            for (int r = 0; r < n; r++) {
                Item it = oracle.replicas.get(r).get(id);
                sb.append("\n   r").append(r).append(": ").append(it == null ? "-" : it + " knowsE=" + it.known[0] + " c0=" + it.known[1]);
                sb.append(" sys=").append(reps.get(r).metadata().item(id)).append(" F=").append(reps.get(r).metadata().forgottenKnowledge());
            }
            System.out.println(sb);
        }

        void labelMint(ItemId id, Ev ev, String where, MemoryReplica d, Item it) {
            ItemMetadata m = d.metadata().item(id);
            Version v;
            if (where.equals("tomb")) {
                v = m.deletionVersion();
            } else if (where.equals("live")) {
                v = m.creationVersion();
            } else {
                int u = Arrays.asList(it.col).indexOf(ev);
                v = m.unitVersion(u);
            }
            label(ev, d, v);
        }

        void assertData(int r) {
            Map<ItemId, List<Object>> actual = new TreeMap<>();
            reps.get(r).rows().forEach((k, v) -> actual.put(k, Arrays.asList(v)));
            assertThat(actual).as("data of replica %d", r).isEqualTo(oracle.data(r));
        }

        /** A final round: everyone syncs through replica 0 until nothing moves; then all replicas are equal. */
        void converge() {
            for (int pass = 0; pass < 10; pass++) {
                long before = totalSent;
                for (int i = 1; i < n; i++) {
                    session(i, 0, rnd.nextBoolean() ? Decision.SOURCE : Decision.DESTINATION, 0, 3);
                }
                for (int i = 1; i < n; i++) {
                    session(0, i, rnd.nextBoolean() ? Decision.SOURCE : Decision.DESTINATION, 0, 3);
                }
                if (totalSent == before) {
                    for (int i = 1; i < n; i++) {
                        assertThat(reps.get(i).rows().keySet()).as("replica %d converged with replica 0", i).isEqualTo(reps.get(0).rows().keySet());
                        assertThat(oracle.data(i)).isEqualTo(oracle.data(0));
                        assertData(i);
                    }
                    return;
                }
            }
            throw new AssertionError("replicas did not converge within 10 passes through replica 0 (topology " + topology + ")");
        }
    }
}
