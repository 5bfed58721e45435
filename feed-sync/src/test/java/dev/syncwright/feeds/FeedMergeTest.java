package dev.syncwright.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * FeedSync's merge against the spec's rules, then on generated histories: endpoints create, update,
 * delete and resolve items and merge each other's feeds in random order. Every merge must be
 * commutative and idempotent, all endpoints converge once they have exchanged feeds, and every
 * version ever made ends up either subsumed by the winner's history or kept under sx:conflicts.
 * System properties: {@code syncwright.feeds.seed}, {@code syncwright.feeds.seeds}.
 */
class FeedMergeTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static FeedItem item(String by, long minute, String body) {
        return FeedItem.create("i", by, T0.plusSeconds(60 * minute), "t", body, List.of());
    }

    @Test
    void moreUpdatesWin() {
        FeedItem base = item("a", 0, "base");
        FeedItem twice = base.update("b", T0.plusSeconds(60), "t", "b1", List.of()).update("b", T0.plusSeconds(120), "t", "b2", List.of());
        FeedItem once = base.update("c", T0.plusSeconds(600), "t", "c1", List.of());
        FeedItem m = FeedMerge.merge(once, twice);
        assertThat(m.body()).isEqualTo("b2");
        assertThat(m.conflicts()).as("concurrent: c's update is kept").singleElement().extracting(FeedItem::body).isEqualTo("c1");
    }

    @Test
    void equalUpdatesThenTheLaterWhenThenTheGreaterByWin() {
        FeedItem base = item("a", 0, "base");
        FeedItem early = base.update("z", T0.plusSeconds(60), "t", "early", List.of());
        FeedItem late = base.update("b", T0.plusSeconds(120), "t", "late", List.of());
        assertThat(FeedMerge.merge(early, late).body()).isEqualTo("late");
        FeedItem byB = base.update("b", T0.plusSeconds(60), "t", "by b", List.of());
        FeedItem byC = base.update("c", T0.plusSeconds(60), "t", "by c", List.of());
        assertThat(FeedMerge.merge(byB, byC).body()).isEqualTo("by c");
        FeedItem noWhen = new FeedItem("i", 2, false, false, List.of(new FeedHistory(2, null, "zz")), "t", "no when", List.of(), List.of());
        assertThat(FeedMerge.merge(noWhen, byB).body()).as("a missing when loses").isEqualTo("by b");
    }

    @Test
    void aSubsumedVersionIsNoConflictAndNoconflictsKeepsNone() {
        FeedItem base = item("a", 0, "base");
        FeedItem next = base.update("b", T0.plusSeconds(60), "t", "next", List.of());
        FeedItem m = FeedMerge.merge(base, next);
        assertThat(m).isEqualTo(next);
        FeedItem quiet = new FeedItem("i", 2, false, true, List.of(new FeedHistory(2, T0.plusSeconds(99), "q")), "t", "quiet", List.of(),
                List.of());
        FeedItem other = base.update("c", T0.plusSeconds(5), "t", "other", List.of());
        assertThat(FeedMerge.merge(other, quiet).conflicts()).isEmpty();
        FeedItem conflicted = FeedMerge.merge(base.update("c", T0.plusSeconds(5), "t", "c", List.of()),
                base.update("d", T0.plusSeconds(6), "t", "d", List.of()));
        assertThat(conflicted.conflicts()).hasSize(1);
        FeedItem resolved = conflicted.resolveConflicts("d", T0.plusSeconds(10));
        assertThat(resolved.conflicts()).isEmpty();
        assertThat(FeedMerge.merge(resolved, conflicted)).as("the resolution subsumes what it resolved").isEqualTo(resolved);
    }

    /** Found by the generated histories (seed 52829; one seed in about 13,000 before the fix). */
    @Test
    void anUpdateOverItsOwnLosingVersionKeepsWhatThatVersionKnew() {
        FeedItem created = FeedItem.create("i", "ep1", T0, "t", "v", List.of());
        FeedItem deletedBy2 = created.delete("ep2", T0.plusSeconds(1));
        FeedItem updatedBy1 = deletedBy2.update("ep1", T0.plusSeconds(2), "t", "ep1 saw the delete", List.of());
        FeedItem ep0 = created;
        for (int i = 0; i < 4; i++) {
            ep0 = ep0.update("ep0", T0.plusSeconds(3 + i), "t", "ep0 " + i, List.of());
        }
        FeedItem atEp1 = FeedMerge.merge(updatedBy1, ep0);
        assertThat(atEp1.body()).isEqualTo("ep0 3");
        assertThat(atEp1.conflicts()).singleElement().extracting(FeedItem::body).isEqualTo("ep1 saw the delete");
        FeedItem next = atEp1.update("ep1", T0.plusSeconds(9), "t", "ep1 over it", List.of());
        assertThat(next.conflicts()).as("its own losing version is subsumed by its next update").isEmpty();
        assertThat(FeedMerge.merge(next, deletedBy2)).as("ep2's old delete, which ep1 had seen, comes back as no conflict").isEqualTo(next);
        assertThat(FeedMerge.merge(next, next)).isEqualTo(next);
    }

    @Test
    void generatedHistoriesMergeCommutativelyIdempotentlyAndConverge() {
        long first = Long.getLong("syncwright.feeds.seed", 1L);
        int seeds = Integer.getInteger("syncwright.feeds.seeds", 300);
        for (long seed = first; seed < first + seeds; seed++) {
            try {
                world(new Random(seed));
            } catch (Throwable t) {
                throw new AssertionError("FeedSync merge failed for seed " + seed + " (rerun with -Dsyncwright.feeds.seed=" + seed
                        + " -Dsyncwright.feeds.seeds=1): " + t.getMessage(), t);
            }
        }
    }

    static void world(Random rnd) {
        int n = 2 + rnd.nextInt(3);
        List<Feed> feeds = new ArrayList<>();
        for (int e = 0; e < n; e++) {
            feeds.add(new Feed(FeedFormat.RSS, "f", "l", List.of()));
        }
        Map<String, List<FeedHistory>> made = new HashMap<>();
        int steps = 10 + rnd.nextInt(40);
        for (int s = 0; s < steps; s++) {
            int e = rnd.nextInt(n);
            String by = "ep" + e;
            Instant when = T0.plusSeconds(rnd.nextInt(20)); // clocks disagree and collide: ties happen
            if (rnd.nextInt(3) == 0) {
                int o = rnd.nextInt(n);
                Feed a = feeds.get(e);
                Feed b = feeds.get(o);
                Feed ab = FeedMerge.merge(a, b);
                assertThat(FeedMerge.merge(b, a).items()).as("commutative").isEqualTo(ab.items());
                assertThat(FeedMerge.merge(ab, b)).as("idempotent").isEqualTo(ab);
                assertThat(FeedMerge.merge(a, a)).as("merging a feed with itself").isEqualTo(a);
                feeds.set(e, ab);
                continue;
            }
            String id = "item" + rnd.nextInt(3);
            Feed f = feeds.get(e);
            FeedItem current = f.item(id).orElse(null);
            FeedItem next;
            if (current == null) {
                next = FeedItem.create(id, by, when, "t", "v" + s, List.of());
            } else if (rnd.nextInt(5) == 0) {
                next = current.delete(by, when);
            } else if (rnd.nextInt(4) == 0 && !current.conflicts().isEmpty()) {
                next = current.resolveConflicts(by, when);
            } else {
                next = current.update(by, when, "t", "v" + s, List.of());
            }
            made.computeIfAbsent(id, k -> new ArrayList<>()).add(next.topmost());
            List<FeedItem> items = new ArrayList<>(f.items());
            items.removeIf(i -> i.id().equals(id));
            items.add(next);
            feeds.set(e, f.withItems(items));
        }
        for (int round = 0; round < 2; round++) { // everyone merges everyone: all converge
            for (int e = 0; e < n; e++) {
                for (int o = 0; o < n; o++) {
                    feeds.set(e, FeedMerge.merge(feeds.get(e), feeds.get(o)));
                }
            }
        }
        for (Feed f : feeds) {
            assertThat(f).isEqualTo(feeds.get(0));
        }
        for (Map.Entry<String, List<FeedHistory>> m : made.entrySet()) {
            FeedItem fin = feeds.get(0).item(m.getKey()).orElseThrow();
            for (FeedHistory v : m.getValue()) {
                boolean kept = v.subsumedBy(fin.history()) || fin.conflicts().stream().anyMatch(c -> v.subsumedBy(c.history()));
                assertThat(kept).as("version %s of %s is subsumed by the winner or kept as a conflict", v, m.getKey()).isTrue();
            }
        }
    }
}
