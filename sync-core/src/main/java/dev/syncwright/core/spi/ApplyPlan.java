package dev.syncwright.core.spi;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.Knowledge;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The applier's decisions for one batch: item writes, the destination's new knowledge (and new
 * forgotten knowledge, or null when unchanged), the conflicts met, and counts for statistics.
 */
public record ApplyPlan(
        List<ItemWrite> writes,
        Knowledge newKnowledge,
        @Nullable Knowledge newForgotten,
        List<Conflict> conflicts,
        int received,
        int applied,
        int skipped,
        int deferred) {

    public ApplyPlan {
        writes = List.copyOf(writes);
        conflicts = List.copyOf(conflicts);
    }
}
