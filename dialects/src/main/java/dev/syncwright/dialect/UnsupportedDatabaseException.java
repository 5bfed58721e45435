package dev.syncwright.dialect;

import dev.syncwright.core.SyncException;

/** No dialect for this database product, or its version is below the supported minimum. */
public class UnsupportedDatabaseException extends SyncException {
    private static final long serialVersionUID = 1L;

    public UnsupportedDatabaseException(String message) {
        super(message);
    }
}
