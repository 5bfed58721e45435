package dev.syncwright.tracking;

import java.util.Arrays;

/** One tracking row as the contract tests read it (versions packed; null sw_v means "equal to sw_cv"). */
public record TrackingRow(long tick, long cv, Long dv, Long[] v) {
    public boolean tombstone() {
        return dv != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackingRow r && r.tick == tick && r.cv == cv && java.util.Objects.equals(r.dv, dv)
                && Arrays.equals(r.v, v);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(tick) * 31 + Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "TrackingRow[tick=" + tick + ", cv=" + cv + ", dv=" + dv + ", v=" + Arrays.toString(v) + "]";
    }
}
