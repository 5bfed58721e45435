package dev.syncwright.core;

/**
 * The root of every error Syncwright raises. Unchecked, so that callers decide where to handle it;
 * subclasses say what went wrong, and the message names the object at fault (table, column, scope,
 * setting) and what to do about it.
 */
public class SyncException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
