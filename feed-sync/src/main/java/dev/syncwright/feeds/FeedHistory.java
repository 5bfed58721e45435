package dev.syncwright.feeds;

import dev.syncwright.core.SyncException;
import java.time.Instant;

/**
 * One {@code sx:history} element: the {@code sequence}-th update of an item, made {@code when} by
 * endpoint {@code by}. FeedSync requires at least one of {@code when} and {@code by}; either may be
 * null.
 */
public record FeedHistory(long sequence, Instant when, String by) {
    public FeedHistory {
        if (sequence < 1) {
            throw new SyncException("sx:history sequence must be 1 or more, not " + sequence);
        }
        if (when == null && by == null) {
            throw new SyncException("sx:history needs a 'when' or a 'by' attribute (FeedSync 1.0)");
        }
    }

    /**
     * True when this update is known to {@code history}: an entry by the same endpoint with at least
     * this sequence (without {@code by}: an entry with the same {@code when}). FeedSync's
     * "subsumed by".
     */
    boolean subsumedBy(Iterable<FeedHistory> history) {
        for (FeedHistory h : history) {
            if (by != null ? by.equals(h.by) && h.sequence >= sequence : h.by == null && when.equals(h.when)) {
                return true;
            }
        }
        return false;
    }
}
