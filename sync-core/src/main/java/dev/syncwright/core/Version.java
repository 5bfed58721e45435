package dev.syncwright.core;

/**
 * A version: (replica key, tick). The key names a replica through the owning replica's
 * {@link ReplicaKeyMap} (key 0 is the replica itself); the tick is a value of that replica's own,
 * only-increasing clock.
 *
 * <p>Tracking tables store a version in one {@code BIGINT}: {@link #pack()} puts the key in the
 * high {@value #KEY_BITS} bits and the tick in the low {@value #TICK_BITS} bits (see ADR 002).
 */
public record Version(int replicaKey, long tick) implements Comparable<Version> {
    public static final int TICK_BITS = 40;
    public static final int KEY_BITS = 23;
    public static final long MAX_TICK = (1L << TICK_BITS) - 1;
    public static final int MAX_REPLICA_KEY = (1 << KEY_BITS) - 1;

    public Version {
        if (replicaKey < 0 || replicaKey > MAX_REPLICA_KEY) {
            throw new SyncException("Replica key " + replicaKey + " is out of range 0.." + MAX_REPLICA_KEY);
        }
        if (tick < 0 || tick > MAX_TICK) {
            throw new SyncException("Tick " + tick + " is out of range 0.." + MAX_TICK);
        }
    }

    public static Version of(int replicaKey, long tick) {
        return new Version(replicaKey, tick);
    }

    /** A version made by the local replica (key 0). */
    public static Version local(long tick) {
        return new Version(0, tick);
    }

    public long pack() {
        return ((long) replicaKey << TICK_BITS) | tick;
    }

    public static Version unpack(long packed) {
        if (packed < 0) {
            throw new SyncException("Packed version " + packed + " is negative");
        }
        return new Version((int) (packed >>> TICK_BITS), packed & MAX_TICK);
    }

    /** Orders by key, then tick. Only a local tie-break; it says nothing about causality. */
    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(replicaKey, o.replicaKey);
        return c != 0 ? c : Long.compare(tick, o.tick);
    }

    @Override
    public String toString() {
        return "(" + replicaKey + "," + tick + ")";
    }
}
