package dev.syncwright.core;

import java.util.Objects;
import java.util.UUID;

/** The global identity of a replica: every synchronized database (per scope) has one, a UUID. */
public final class ReplicaId implements Comparable<ReplicaId> {
    private final UUID uuid;

    private ReplicaId(UUID uuid) {
        this.uuid = Objects.requireNonNull(uuid, "uuid");
    }

    public static ReplicaId of(UUID uuid) {
        return new ReplicaId(uuid);
    }

    public static ReplicaId random() {
        return new ReplicaId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; a malformed id is a clear {@link SyncException}. */
    public static ReplicaId parse(String text) {
        try {
            return new ReplicaId(UUID.fromString(text.trim()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SyncException("Not a replica id (expected a UUID): '" + text + "'", e);
        }
    }

    public UUID uuid() {
        return uuid;
    }

    /** Orders by the unsigned bytes of the UUID, the same order on every replica. */
    @Override
    public int compareTo(ReplicaId o) {
        int c = Long.compareUnsigned(uuid.getMostSignificantBits(), o.uuid.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(uuid.getLeastSignificantBits(), o.uuid.getLeastSignificantBits());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplicaId r && r.uuid.equals(uuid);
    }

    @Override
    public int hashCode() {
        return uuid.hashCode();
    }

    @Override
    public String toString() {
        return uuid.toString();
    }
}
