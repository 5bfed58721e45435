package dev.syncwright.jdbc.metadata;

import dev.syncwright.core.SyncException;

/** A custom field or conflict value of a type the JDBC metadata store cannot store exactly; the message names it. */
public final class UnsupportedValueException extends SyncException {
    private static final long serialVersionUID = 1L;

    UnsupportedValueException(String message) {
        super(message);
    }
}
