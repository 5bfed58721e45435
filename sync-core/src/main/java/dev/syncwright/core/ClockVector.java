package dev.syncwright.core;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * A clock vector: for each replica key, the highest tick known. It contains version (k, t) when its
 * entry for k is at least t; a missing entry knows nothing. Immutable; entries sorted by key.
 */
public final class ClockVector {
    public static final ClockVector EMPTY = new ClockVector(new int[0], new long[0]);

    private final int[] keys;
    private final long[] ticks;

    private ClockVector(int[] keys, long[] ticks) {
        this.keys = keys;
        this.ticks = ticks;
    }

    public static ClockVector of(int key, long tick) {
        return new ClockVector(new int[] {key}, new long[] {tick});
    }

    /** Builds from parallel arrays, validating strictly increasing keys and non-negative ticks. */
    public static ClockVector of(int[] keys, long[] ticks) {
        if (keys.length != ticks.length) {
            throw new SyncException("Clock vector has " + keys.length + " keys but " + ticks.length + " ticks");
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] < 0 || (i > 0 && keys[i] <= keys[i - 1])) {
                throw new SyncException("Clock vector keys must be non-negative and strictly increasing");
            }
            if (ticks[i] < 0) {
                throw new SyncException("Clock vector tick for key " + keys[i] + " is negative");
            }
        }
        return new ClockVector(keys.clone(), ticks.clone());
    }

    public int size() {
        return keys.length;
    }

    public int keyAt(int i) {
        return keys[i];
    }

    public long tickAt(int i) {
        return ticks[i];
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** The entry for {@code key}, or -1 when there is none. */
    public long get(int key) {
        int i = Arrays.binarySearch(keys, key);
        return i >= 0 ? ticks[i] : -1;
    }

    public boolean contains(Version v) {
        return get(v.replicaKey()) >= v.tick();
    }

    public boolean contains(int key, long tick) {
        return get(key) >= tick;
    }

    /** True when every entry of {@code other} is contained here. */
    public boolean dominates(ClockVector other) {
        for (int i = 0; i < other.keys.length; i++) {
            if (get(other.keys[i]) < other.ticks[i]) {
                return false;
            }
        }
        return true;
    }

    /** The pointwise maximum. */
    public ClockVector max(ClockVector o) {
        if (o.keys.length == 0 || this == o) {
            return this;
        }
        if (keys.length == 0) {
            return o;
        }
        int[] k = new int[keys.length + o.keys.length];
        long[] t = new long[k.length];
        int i = 0, j = 0, n = 0;
        while (i < keys.length || j < o.keys.length) {
            if (j >= o.keys.length || (i < keys.length && keys[i] < o.keys[j])) {
                k[n] = keys[i];
                t[n++] = ticks[i++];
            } else if (i >= keys.length || o.keys[j] < keys[i]) {
                k[n] = o.keys[j];
                t[n++] = o.ticks[j++];
            } else {
                k[n] = keys[i];
                t[n++] = Math.max(ticks[i++], o.ticks[j++]);
            }
        }
        ClockVector r = new ClockVector(Arrays.copyOf(k, n), Arrays.copyOf(t, n));
        return r.equals(this) ? this : r;
    }

    /** This vector with the entry for {@code key} raised to at least {@code tick}. */
    public ClockVector withAtLeast(int key, long tick) {
        return get(key) >= tick ? this : max(of(key, tick));
    }

    /** This vector with the entry for {@code key} lowered to at most {@code tick} (dropped at 0). */
    public ClockVector withAtMost(int key, long tick) {
        if (get(key) <= tick) {
            return this;
        }
        int[] k = new int[keys.length];
        long[] t = new long[keys.length];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            long v = keys[i] == key ? tick : ticks[i];
            if (v > 0) { // an entry at 0 says nothing: left out, as everywhere else
                k[n] = keys[i];
                t[n++] = v;
            }
        }
        return of(Arrays.copyOf(k, n), Arrays.copyOf(t, n));
    }

    /** The keys translated by {@code mapping} (which must be injective); entries re-sorted. */
    public ClockVector remap(IntUnaryOperator mapping) {
        if (keys.length == 0) {
            return this;
        }
        long[][] pairs = new long[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            pairs[i] = new long[] {mapping.applyAsInt(keys[i]), ticks[i]};
        }
        Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
        int[] k = new int[pairs.length];
        long[] t = new long[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            k[i] = (int) pairs[i][0];
            t[i] = pairs[i][1];
        }
        return of(k, t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClockVector c && Arrays.equals(c.keys, keys) && Arrays.equals(c.ticks, ticks);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(keys) + Arrays.hashCode(ticks);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < keys.length; i++) {
            sb.append(i == 0 ? "" : " ").append(keys[i]).append(':').append(ticks[i]);
        }
        return sb.append(']').toString();
    }
}
