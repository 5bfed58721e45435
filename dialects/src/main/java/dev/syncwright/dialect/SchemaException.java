package dev.syncwright.dialect;

import dev.syncwright.core.SyncException;

/**
 * The user's schema cannot be tracked as asked: unknown table, no primary key, unsupported column
 * type, foreign-key cycle, reserved column name. The message names the table (and column).
 */
public class SchemaException extends SyncException {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }
}
