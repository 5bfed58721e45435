package dev.syncwright.http.internal;

import dev.syncwright.core.SyncException;

/** An answer of the server that is not 200 and not worth a retry: its status and its error code, for callers that tell them apart. */
public final class ServerRefusal extends SyncException {
    private final int status;
    private final String code;

    ServerRefusal(String message, int status, String code) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
