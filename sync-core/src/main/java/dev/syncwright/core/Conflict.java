package dev.syncwright.core;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A concurrency conflict met while applying a change. Values are indexed by change unit; a
 * {@code null} array means the side has no values (a deleted item). {@code destinationIsRemote}
 * tells which side is which from the orchestrator's point of view (the "remote" replica is the
 * server in a client/server setup). {@code detail} says why a store refused a change (the database's
 * own error for a {@link ConflictKind#CONSTRAINT}), null otherwise.
 */
public record Conflict(
        ConflictKind kind,
        ItemId itemId,
        int[] changeUnits,
        ReplicaId source,
        ReplicaId destination,
        boolean destinationIsRemote,
        @Nullable Object @Nullable [] sourceValues,
        @Nullable Object @Nullable [] destinationValues,
        ConflictResolution resolution,
        @Nullable String detail) {

    public Conflict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(itemId, "itemId");
        changeUnits = changeUnits == null ? new int[0] : changeUnits;
    }

    public Conflict(ConflictKind kind, ItemId itemId, int[] changeUnits, ReplicaId source, ReplicaId destination,
            boolean destinationIsRemote, @Nullable Object @Nullable [] sourceValues, @Nullable Object @Nullable [] destinationValues,
            ConflictResolution resolution) {
        this(kind, itemId, changeUnits, source, destination, destinationIsRemote, sourceValues, destinationValues, resolution, null);
    }

    public Conflict withResolution(ConflictResolution r) {
        return new Conflict(kind, itemId, changeUnits, source, destination, destinationIsRemote, sourceValues, destinationValues, r,
                detail);
    }

    /** The values of the remote side of the orchestrated pair. */
    public Object[] remoteValues() {
        return destinationIsRemote ? destinationValues : sourceValues;
    }

    /** The values of the local side of the orchestrated pair. */
    public Object[] localValues() {
        return destinationIsRemote ? sourceValues : destinationValues;
    }

    @Override
    public String toString() {
        return kind + " on " + itemId + " units " + Arrays.toString(changeUnits) + " -> " + resolution
                + (detail == null ? "" : ": " + detail);
    }
}
