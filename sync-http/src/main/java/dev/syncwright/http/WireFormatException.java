package dev.syncwright.http;

import dev.syncwright.core.SyncException;

/**
 * A body that is not what the sync protocol says it must be (truncated, a length beyond the body, an
 * unknown tag, knowledge that does not decode, a batch whose items contradict its range): refused
 * as a whole, nothing of it applied. The server answers it with 400 and this message.
 */
public final class WireFormatException extends SyncException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
