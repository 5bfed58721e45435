package dev.syncwright.core.spi;

import java.util.Iterator;
import java.util.OptionalLong;

/** The batches of one enumeration, produced lazily so memory stays bounded. Always ends with a last batch. */
public interface ChangeEnumeration extends Iterator<ChangeBatch>, AutoCloseable {
    /** How many item changes the source expects to send, when it can tell cheaply (progress bars). */
    default OptionalLong estimatedChanges() {
        return OptionalLong.empty();
    }

    @Override
    default void close() {}
}
