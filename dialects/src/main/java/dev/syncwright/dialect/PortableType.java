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

    /** True when a column of type {@code wide} holds every value of type {@code narrow} exactly. */
    public static boolean holds(PortableType wide, PortableType narrow) {
        Kind w = wide.kind();
        Kind n = narrow.kind();
        if (integer(w) && integer(n)) {
            return w.ordinal() >= n.ordinal();
        }
        if (text(w) && text(n)) {
            return wide.length() == null || (narrow.length() != null && wide.length() >= narrow.length()
                    && (w != Kind.CHAR || n == Kind.CHAR));
        }
        if (w == Kind.NUMERIC && (n == Kind.NUMERIC || integer(n))) {
            if (wide.precision() == null) {
                return true;
            }
            if (n != Kind.NUMERIC || narrow.precision() == null) {
                return integer(n) && wide.precision() - scale(wide) >= 19;
            }
            return scale(wide) >= scale(narrow) && wide.precision() - scale(wide) >= narrow.precision() - scale(narrow);
        }
        if (w == Kind.DOUBLE && n == Kind.REAL) {
            return true;
        }
        return w == n;
    }

    private static boolean integer(Kind k) {
        return k == Kind.SMALLINT || k == Kind.INTEGER || k == Kind.BIGINT;
    }

    private static boolean text(Kind k) {
        return k == Kind.TEXT || k == Kind.VARCHAR || k == Kind.CHAR;
    }

    private static int scale(PortableType p) {
        return p.scale() == null ? 0 : p.scale();
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
