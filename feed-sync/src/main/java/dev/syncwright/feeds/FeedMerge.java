package dev.syncwright.feeds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FeedSync's merge (FeedSync 1.0, "Merging feeds"): items are matched by {@code sx:sync id}; an
 * item only one feed has is taken as it is; for an item both have, every version in play (the two
 * items and the items under their {@code sx:conflicts}) is considered, the <b>winner</b> is the one
 * with the most {@code updates}, then the latest topmost {@code when} (a missing one loses), then the
 * greatest topmost {@code by}; every other version that the winner's history does not subsume is a
 * <b>conflict</b>, kept under the winner's {@code sx:conflicts} (unless the winner says
 * {@code noconflicts}). Two versions are the same when their updates and topmost history are.
 *
 * <p>The choice depends on the set of versions only, so merging is commutative, associative and
 * idempotent, and endpoints that exchange feeds in any order converge (tested on generated
 * histories). Ties the spec leaves open (equal updates, when and by with different data: a
 * misbehaving endpoint) are broken by the data, for the same reason.
 */
public final class FeedMerge {
    private FeedMerge() {}

    /** The merge of two feeds; the result has {@code local}'s format, title and link. */
    public static Feed merge(Feed local, Feed incoming) {
        Map<String, FeedItem> items = new LinkedHashMap<>();
        local.items().forEach(i -> items.put(i.id(), i));
        for (FeedItem in : incoming.items()) {
            items.merge(in.id(), in, FeedMerge::merge);
        }
        return local.withItems(new ArrayList<>(items.values()));
    }

    /** The merge of two versions of one item (same {@code sx:sync id}). */
    public static FeedItem merge(FeedItem a, FeedItem b) {
        List<FeedItem> versions = new ArrayList<>();
        for (FeedItem item : new FeedItem[] {a, b}) {
            addVersion(versions, item.withConflicts(List.of()));
            item.conflicts().forEach(c -> addVersion(versions, c.withConflicts(List.of())));
        }
        FeedItem winner = versions.stream().max(WINNER).orElseThrow();
        if (winner.noConflicts()) {
            return winner;
        }
        List<FeedItem> conflicts = new ArrayList<>();
        for (FeedItem v : versions) {
            if (v != winner && !v.topmost().subsumedBy(winner.history())) {
                conflicts.add(v);
            }
        }
        conflicts.sort(WINNER.reversed());
        return winner.withConflicts(conflicts);
    }

    private static void addVersion(List<FeedItem> versions, FeedItem v) {
        for (int i = 0; i < versions.size(); i++) {
            FeedItem o = versions.get(i);
            if (o.updates() == v.updates() && o.topmost().equals(v.topmost())) {
                if (DATA.compare(v, o) > 0) {
                    versions.set(i, v); // the same version twice with different data: keep one, deterministically
                }
                return;
            }
        }
        versions.add(v);
    }

    private static final Comparator<Instant> WHEN = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<String> BY = Comparator.nullsFirst(Comparator.naturalOrder());

    private static final Comparator<FeedItem> DATA = Comparator.comparing((FeedItem i) -> i.deleted())
            .thenComparing(FeedItem::title).thenComparing(FeedItem::body).thenComparing(i -> i.values().toString())
            .thenComparing(i -> i.history().toString());

    /** FeedSync's winner order: updates, then topmost when, then topmost by; then (outside the spec) the data. */
    static final Comparator<FeedItem> WINNER = Comparator.comparingLong(FeedItem::updates)
            .thenComparing(i -> i.topmost().when(), WHEN)
            .thenComparing(i -> i.topmost().by(), BY)
            .thenComparing(DATA);
}
