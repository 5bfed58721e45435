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
     * subsumed). Conflicts stay until someone resolves them.
     */
    public FeedItem update(String by, Instant when, String title, String body, List<FeedValue> values) {
        List<FeedHistory> h = withTop(history, new FeedHistory(updates + 1, when, by));
        return new FeedItem(id, updates + 1, false, noConflicts, h, title, body, values, unsubsumed(conflicts, h));
    }

    /** This item deleted by {@code by} (a tombstone that keeps its metadata, as FeedSync requires). */
    public FeedItem delete(String by, Instant when) {
        List<FeedHistory> h = withTop(history, new FeedHistory(updates + 1, when, by));
        return new FeedItem(id, updates + 1, true, noConflicts, h, title, body, values, unsubsumed(conflicts, h));
    }

    /**
     * Conflicts the new history does not subsume: an endpoint's own earlier version that lost is
     * subsumed by its next update (same endpoint, higher sequence), and any merge would drop it.
     */
    private static List<FeedItem> unsubsumed(List<FeedItem> conflicts, List<FeedHistory> history) {
        return conflicts.stream().filter(c -> !c.topmost().subsumedBy(history)).toList();
    }

    /**
     * This item with its conflicts resolved by {@code by} (keeping this item's data): the history
     * takes in every conflict's, so the resolution subsumes them and they do not come back.
     */
    public FeedItem resolveConflicts(String by, Instant when) {
        Map<String, FeedHistory> latest = new LinkedHashMap<>();
        List<FeedHistory> all = new ArrayList<>(history);
        conflicts.forEach(c -> all.addAll(c.history));
        List<FeedHistory> anonymous = new ArrayList<>();
        for (FeedHistory h : all) {
            if (h.by() == null) {
                anonymous.add(h);
            } else {
                latest.merge(h.by(), h, (a, b) -> a.sequence() >= b.sequence() ? a : b);
            }
        }
        List<FeedHistory> merged = new ArrayList<>(latest.values());
        merged.addAll(anonymous);
        merged.sort(Comparator.comparingLong(FeedHistory::sequence).reversed());
        long next = Math.max(updates, conflicts.stream().mapToLong(FeedItem::updates).max().orElse(0)) + 1;
        return new FeedItem(id, next, deleted, noConflicts, withTop(merged, new FeedHistory(next, when, by)), title, body, values, List.of());
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
