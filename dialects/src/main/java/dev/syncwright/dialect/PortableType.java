package dev.syncwright.dialect;

import java.util.Objects;

/**
 * The database-independent type of a column: what every dialect can store and round-trip.
 * {@code length} is set for VARCHAR/CHAR, {@code precision}/{@code scale} for NUMERIC (null when
 * unconstrained).
 */
public record PortableType(Kind kind, Integer length, Integer precision, Integer scale) {
    public enum Kind {
        SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE, BOOLEAN,
        TEXT, VARCHAR, CHAR, BYTES, UUID, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, JSON
    }

    public PortableType {
        Objects.requireNonNull(kind, "kind");
    }

    public static PortableType of(Kind kind) {
        return new PortableType(kind, null, null, null);
    }

    public static PortableType sized(Kind kind, Integer length) {
        return new PortableType(kind, length, null, null);
    }

    public static PortableType numeric(Integer precision, Integer scale) {
        return new PortableType(Kind.NUMERIC, null, precision, scale);
    }

    @Override
    public String toString() {
        if (length != null) {
            return kind + "(" + length + ")";
        }
        if (precision != null) {
            return kind + "(" + precision + "," + (scale == null ? 0 : scale) + ")";
        }
        return kind.toString();
    }
}
