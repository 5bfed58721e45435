package dev.syncwright.core;

/** A custom conflict resolver: sees both sides and decides. Called inside the destination's batch transaction; keep it fast. */
@FunctionalInterface
public interface ConflictHandler {
    ConflictDecision resolve(Conflict conflict);
}
