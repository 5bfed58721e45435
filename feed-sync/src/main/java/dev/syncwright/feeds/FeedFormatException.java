package dev.syncwright.feeds;

import dev.syncwright.core.SyncException;

/** A feed that cannot be read: malformed, refused as hostile, over a limit, or not FeedSync. */
public final class FeedFormatException extends SyncException {
    private static final long serialVersionUID = 1L;

    public FeedFormatException(String message) {
        super(message);
    }

    public FeedFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
