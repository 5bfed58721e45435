package dev.syncwright.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.RowApplying;
import dev.syncwright.core.SessionStatistics;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncInterceptor;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.memory.MemoryReplica;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The row hook of {@link SyncInterceptor} against what it promises (ADR 045), seeded: replicas edit,
 * and sync in random pairs with hooks that hold rows back or change values at random. After every
 * hooked session it is checked against its oracle:
 * <ul>
 *   <li>a row held back is not written, and the same session run again without a hook sends it and
 *       the destination then holds the source's values for it (the knowledge did not claim it);</li>
 *   <li>a value a hook wrote is stored, and the session back to the source carries it there (it got
 *       a version of the destination's own, as a local edit would);</li>
 * </ul>
 * and at the end every replica converges, and two more rounds send nothing.
 * {@code -Dsyncwright.hook.seed=N}, {@code -Dsyncwright.hook.seeds=N} (default 40).
 */
class InterceptorModelTest {
    private static final int COLUMNS = 3;

    @Test
    void heldBackRowsComeAgainAndChangedValuesTravelAndEveryReplicaConverges() {
        long first = Long.getLong("syncwright.hook.seed", 1L);
        int seeds = Integer.getInteger("syncwright.hook.seeds", 40);
        int[] totals = new int[2];
        for (long seed = first; seed < first + seeds; seed++) {
            try {
                int[] t = new World(seed).run();
                totals[0] += t[0];
                totals[1] += t[1];
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + " (rerun with -Dsyncwright.hook.seed=" + seed + " -Dsyncwright.hook.seeds=1): "
                        + t.getMessage(), t);
            }
        }
        System.out.printf("interceptor model: %d seeds, %d rows held back, %d values changed by hooks%n", seeds, totals[0], totals[1]);
        assertThat(totals[0]).as("rows held back").isPositive();
        assertThat(totals[1]).as("values changed").isPositive();
    }

    private static final class World {
        final Random rnd;
        final List<MemoryReplica> reps = new ArrayList<>();
        final List<ItemId> keys = new ArrayList<>();
        int counter;
        int held;
        int changed;

        World(long seed) {
            rnd = new Random(seed);
            int n = 2 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                reps.add(new MemoryReplica(ReplicaId.of(new UUID(seed, i)), COLUMNS));
            }
            for (int i = 0; i < 6 + rnd.nextInt(6); i++) {
                keys.add(ItemId.ofLong(i));
            }
        }

        int[] run() {
            for (int round = 0; round < 40; round++) {
                for (int e = rnd.nextInt(4); e > 0; e--) {
                    edit(reps.get(rnd.nextInt(reps.size())));
                }
                int a = rnd.nextInt(reps.size());
                int b = (a + 1 + rnd.nextInt(reps.size() - 1)) % reps.size();
                if (rnd.nextInt(3) == 0) {
                    hooked(reps.get(a), reps.get(b));
                } else {
                    sync(reps.get(a), reps.get(b), null);
                }
            }
            for (int pass = 0; pass < 3; pass++) { // everyone through replica 0, twice over
                for (int i = 1; i < reps.size(); i++) {
                    sync(reps.get(i), reps.get(0), null);
                }
                for (int i = 1; i < reps.size(); i++) {
                    sync(reps.get(0), reps.get(i), null);
                }
            }
            for (MemoryReplica r : reps) {
                assertThat(rows(r)).as("replica %s converged with replica 0", r.replicaId()).isEqualTo(rows(reps.get(0)));
            }
            for (int i = 1; i < reps.size(); i++) {
                assertThat(sync(reps.get(i), reps.get(0), null).upload().sent()).as("no ping-pong").isZero();
                assertThat(sync(reps.get(0), reps.get(i), null).upload().sent()).as("no ping-pong").isZero();
            }
            return new int[] {held, changed};
        }

        /** One hooked session, then its oracle checks: held rows come again, changed values travel back. */
        void hooked(MemoryReplica src, MemoryReplica dst) {
            Map<ItemId, List<Object>> before = rows(dst);
            Set<ItemId> heldBack = new HashSet<>();
            Map<ItemId, Map<Integer, Object>> set = new HashMap<>();
            SyncInterceptor hook = new SyncInterceptor() {
                @Override
                public void rowApplying(SessionEvent s, RowApplying row) {
                    int dice = rnd.nextInt(4);
                    if (dice == 0) {
                        row.skip();
                        heldBack.add(row.itemId());
                    } else if (dice == 1 && !row.isDelete()) {
                        int u = row.changeUnits()[rnd.nextInt(row.changeUnits().length)];
                        Object v = "hook" + (++counter);
                        row.set(u, v);
                        set.computeIfAbsent(row.itemId(), k -> new HashMap<>()).put(u, v);
                    }
                }
            };
            sync(src, dst, hook);
            held += heldBack.size();
            for (ItemId id : heldBack) {
                assertThat(row(dst, id)).as("row %s held back: untouched", id).isEqualTo(before.get(id));
            }
            set.forEach((id, units) -> units.forEach((u, v) -> {
                assertThat(dst.get(id)).as("row %s written by the hook", id).isNotNull();
                assertThat(dst.get(id)[u]).as("row %s unit %d as the hook wrote it", id, u).isEqualTo(v);
                changed++;
            }));
            // the same session again, without a hook: the rows held back come, and the destination takes them
            TapProvider tap = new TapProvider(dst, 0, false);
            SyncOrchestrator.between(src, tap).direction(SyncDirection.UPLOAD).conflicts(ConflictPolicy.sourceWins()).run();
            Set<ItemId> sentAgain = new HashSet<>();
            tap.applied.forEach(x -> x.batch().changes().forEach(c -> sentAgain.add(c.itemId())));
            assertThat(sentAgain).as("rows held back are offered again").containsAll(heldBack);
            for (ItemId id : heldBack) {
                // each unit now holds the source's value, or the destination's own where its version supersedes it
                List<Object> now = row(dst, id);
                List<Object> theirs = row(src, id);
                List<Object> mine = before.get(id);
                if (theirs == null || now == null) {
                    assertThat(now).as("row %s after the next session", id).isIn(theirs, mine);
                    continue;
                }
                for (int u = 0; u < COLUMNS; u++) {
                    assertThat(now.get(u)).as("row %s unit %d after the next session", id, u)
                            .isIn(theirs.get(u), mine == null ? theirs.get(u) : mine.get(u));
                }
            }
            TapProvider again = new TapProvider(dst, 0, false);
            SyncOrchestrator.between(src, again).direction(SyncDirection.UPLOAD).conflicts(ConflictPolicy.sourceWins()).run();
            again.applied.forEach(x -> x.batch().changes().forEach(c -> assertThat(heldBack).as("learned by then").doesNotContain(c.itemId())));
            // and back: what the hook wrote reaches the source, which has not changed since
            sync(dst, src, null);
            set.forEach((id, units) -> units.forEach((u, v) -> {
                if (dst.get(id) != null && v.equals(dst.get(id)[u])) {
                    assertThat(src.get(id)).as("row %s at the source", id).isNotNull();
                    assertThat(src.get(id)[u]).as("row %s unit %d travelled back", id, u).isEqualTo(v);
                }
            }));
        }

        SyncResult sync(MemoryReplica src, MemoryReplica dst, SyncInterceptor hook) {
            SyncOrchestrator o = SyncOrchestrator.between(src, dst).direction(SyncDirection.UPLOAD)
                    .conflicts(rnd.nextBoolean() ? ConflictPolicy.sourceWins() : ConflictPolicy.merge(ConflictPolicy.destinationWins()))
                    .batchSizeRows(1 + rnd.nextInt(4));
            if (hook != null) {
                o.intercept(hook);
            }
            SyncResult r = o.run();
            SessionStatistics s = r.upload();
            assertThat(s.sent()).isGreaterThanOrEqualTo(s.applied());
            return r;
        }

        void edit(MemoryReplica r) {
            ItemId id = keys.get(rnd.nextInt(keys.size()));
            if (r.get(id) == null) {
                Object[] v = new Object[COLUMNS];
                for (int c = 0; c < COLUMNS; c++) {
                    v[c] = "v" + (++counter);
                }
                r.insert(id, v);
            } else if (rnd.nextInt(5) == 0) {
                r.delete(id);
            } else {
                r.update(id, rnd.nextInt(COLUMNS), "v" + (++counter));
            }
        }

        static Map<ItemId, List<Object>> rows(MemoryReplica r) {
            Map<ItemId, List<Object>> out = new java.util.TreeMap<>();
            r.rows().forEach((k, v) -> out.put(k, Arrays.asList(v.clone())));
            return out;
        }

        static List<Object> row(MemoryReplica r, ItemId id) {
            Object[] v = r.get(id);
            return v == null ? null : Arrays.asList(v.clone());
        }
    }

}
