package dev.syncwright.feeds;

import dev.syncwright.core.SyncException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A feed item with its FeedSync metadata: {@code sx:sync} ({@code id}, {@code updates},
 * {@code deleted}, {@code noconflicts}), its {@code sx:history} (most recent first) and the items it
 * won against, kept under {@code sx:conflicts}. The data is {@code title} and {@code body} (RSS
 * {@code description}, Atom {@code content}) for feed readers, and the typed {@code values} a
 * replica's change units map to (empty for a plain FeedSync feed, whose data is title and body).
 */
public record FeedItem(String id, long updates, boolean deleted, boolean noConflicts, List<FeedHistory> history, String title,
        String body, List<FeedValue> values, List<FeedItem> conflicts) {
    public FeedItem {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new SyncException("sx:sync id must not be empty");
        }
        if (updates < 1) {
            throw new SyncException("sx:sync updates must be 1 or more (item " + id + ")");
        }
        history = List.copyOf(history);
        if (history.isEmpty()) {
            throw new SyncException("sx:sync of item " + id + " has no sx:history; FeedSync requires at least one");
        }
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        values = List.copyOf(values);
        conflicts = List.copyOf(conflicts);
    }

    /** A new item, created by {@code by} at {@code when}. */
    public static FeedItem create(String id, String by, Instant when, String title, String body, List<FeedValue> values) {
        return new FeedItem(id, 1, false, false, List.of(new FeedHistory(1, when, by)), title, body, values, List.of());
    }

    public FeedHistory topmost() {
        return history.get(0);
    }

    /**
     * This item updated by endpoint {@code by} (FeedSync "update"): one more update, a history entry
     * for it on top, older entries of the same endpoint dropped (allowed by the spec: they are
     * subsumed). Conflicts stay until someone resolves them, except those the update subsumes (see
     * {@link #next}).
     */
    public FeedItem update(String by, Instant when, String title, String body, List<FeedValue> values) {
        return next(by, when, false, title, body, values);
    }

    /** This item deleted by {@code by} (a tombstone that keeps its metadata, as FeedSync requires). */
    public FeedItem delete(String by, Instant when) {
        return next(by, when, true, title, body, values);
    }

    /**
     * The next version. A conflict whose topmost version the new history subsumes (the endpoint's
     * own earlier version that lost) is dropped, as any merge would drop it; its history goes into
     * the new one, as a resolution's does: the endpoint made that version, so it knew that history,
     * and without it an older version known only there would come back as a conflict from any feed
     * that still holds it (found by FeedMergeTest, seed 52829: a delete by one endpoint, updated over
     * by a second whose version then lost and was updated again).
     */
    private FeedItem next(String by, Instant when, boolean delete, String title, String body, List<FeedValue> values) {
        FeedHistory top = new FeedHistory(updates + 1, when, by);
        List<FeedHistory> h = withTop(history, top);
        List<FeedItem> kept = conflicts;
        // until no conflict left is subsumed: a history taken in may subsume another conflict (else
        // merging the result with itself would drop that one)
        while (true) {
            List<FeedItem> k = unsubsumed(conflicts, h);
            if (k.size() == kept.size()) {
                return new FeedItem(id, updates + 1, delete, noConflicts, h, title, body, values, kept);
            }
            kept = k;
            h = withTop(merged(history, conflicts.stream().filter(c -> !k.contains(c)).toList()), top);
        }
    }

    private static List<FeedItem> unsubsumed(List<FeedItem> conflicts, List<FeedHistory> history) {
        return conflicts.stream().filter(c -> !c.topmost().subsumedBy(history)).toList();
    }

    /**
     * This item with its conflicts resolved by {@code by} (keeping this item's data): the history
     * takes in every conflict's, so the resolution subsumes them and they do not come back.
     */
    public FeedItem resolveConflicts(String by, Instant when) {
        long next = Math.max(updates, conflicts.stream().mapToLong(FeedItem::updates).max().orElse(0)) + 1;
        return new FeedItem(id, next, deleted, noConflicts, withTop(merged(history, conflicts), new FeedHistory(next, when, by)), title, body,
                values, List.of());
    }

    /** {@code history} and every history of {@code absorbed}: each endpoint's latest entry, and every anonymous one, latest first. */
    private static List<FeedHistory> merged(List<FeedHistory> history, List<FeedItem> absorbed) {
        Map<String, FeedHistory> latest = new LinkedHashMap<>();
        List<FeedHistory> all = new ArrayList<>(history);
        absorbed.forEach(c -> all.addAll(c.history));
        List<FeedHistory> anonymous = new ArrayList<>();
        for (FeedHistory h : all) {
            if (h.by() == null) {
                if (!anonymous.contains(h)) {
                    anonymous.add(h);
                }
            } else {
                latest.merge(h.by(), h, (a, b) -> a.sequence() >= b.sequence() ? a : b);
            }
        }
        List<FeedHistory> merged = new ArrayList<>(latest.values());
        merged.addAll(anonymous);
        merged.sort(Comparator.comparingLong(FeedHistory::sequence).reversed());
        return merged;
    }

    FeedItem withConflicts(List<FeedItem> c) {
        return new FeedItem(id, updates, deleted, noConflicts, history, title, body, values, c);
    }

    private static List<FeedHistory> withTop(List<FeedHistory> history, FeedHistory top) {
        List<FeedHistory> h = new ArrayList<>();
        h.add(top);
        for (FeedHistory x : history) {
            if (x.by() == null || !x.by().equals(top.by())) {
                h.add(x);
            }
        }
        return h;
    }
}
