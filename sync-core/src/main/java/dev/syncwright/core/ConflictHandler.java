package dev.syncwright.core;

import org.jspecify.annotations.Nullable;

/** A custom conflict resolver: sees both sides and decides. Called inside the destination's batch transaction; keep it fast. */
@FunctionalInterface
public interface ConflictHandler {
    @Nullable ConflictDecision resolve(Conflict conflict);
}
