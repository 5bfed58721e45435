package dev.syncwright.core.spi;

import dev.syncwright.core.Knowledge;
import java.util.Objects;

/**
 * What the destination states before a source enumerates: its knowledge and forgotten knowledge
 * (in the destination's key space), whether the source must enumerate in full, and batch limits.
 */
public record EnumerationRequest(
        Knowledge destinationKnowledge,
        Knowledge destinationForgotten,
        boolean fullEnumeration,
        int batchSizeRows,
        long batchSizeBytes) {

    public EnumerationRequest {
        Objects.requireNonNull(destinationKnowledge, "destinationKnowledge");
        Objects.requireNonNull(destinationForgotten, "destinationForgotten");
    }
}
