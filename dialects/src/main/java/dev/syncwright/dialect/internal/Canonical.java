package dev.syncwright.dialect.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.Locale;
import java.util.UUID;

/**
 * The canonical values every {@link dev.syncwright.dialect.ValueCodec} reads and binds, and the checks
 * that keep them exact (integer ranges, NUMERIC scale, microsecond precision). Shared by the codecs
 * of every database; a codec differs only in how a value travels through its driver.
 */
public final class Canonical {
    private Canonical() {
    }


    /** Canonical integer: Long, within the kind's range (SMALLINT/INTEGER are narrower than the Java type). */
    public static long integer(Object v, PortableType t) {
        long l;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            l = ((Number) v).longValue();
        } else if (v instanceof BigDecimal || v instanceof BigInteger) {
            try {
                l = v instanceof BigDecimal d ? d.longValueExact() : ((BigInteger) v).longValueExact();
            } catch (ArithmeticException e) {
                throw new SyncException("Value " + v + " is not a " + t + " (not a whole number in range)");
            }
        } else {
            throw wrongClass(v, t);
        }
        long lo = t.kind() == Kind.SMALLINT ? Short.MIN_VALUE : t.kind() == Kind.INTEGER ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long hi = t.kind() == Kind.SMALLINT ? Short.MAX_VALUE : t.kind() == Kind.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (l < lo || l > hi) {
            throw new SyncException("Value " + l + " is out of range for " + t);
        }
        return l;
    }

    /**
     * Canonical NUMERIC: with a declared scale s, exactly scale s (PG and MySQL pad to it, so every
     * database agrees on "1.5000000000"); a value needing more digits than (p,s) is refused, never rounded.
     */
    public static BigDecimal numeric(BigDecimal d, PortableType t) {
        if (d == null) {
            return null;
        }
        if (t.precision() == null) {
            return d;
        }
        int scale = t.scale() == null ? 0 : t.scale();
        BigDecimal scaled;
        try {
            scaled = d.setScale(scale);
        } catch (ArithmeticException e) {
            throw new SyncException("Value " + d.toPlainString() + " has more than " + scale + " decimal places, "
                    + "which " + t + " cannot hold without rounding");
        }
        if (scaled.precision() - scaled.scale() > t.precision() - scale && scaled.signum() != 0) {
            throw new SyncException("Value " + d.toPlainString() + " has too many integer digits for " + t);
        }
        return scaled;
    }

    public static BigDecimal toBigDecimal(Object v, PortableType t) {
        if (v instanceof BigDecimal d) {
            return numeric(d, t);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return numeric(BigDecimal.valueOf(((Number) v).longValue()), t);
        }
        if (v instanceof BigInteger b) {
            return numeric(new BigDecimal(b), t);
        }
        throw wrongClass(v, t);
    }

    /** TIME/TIMESTAMP/TIMESTAMPTZ hold microseconds everywhere; finer values would be rounded differently per database. */
    public static <T extends Temporal> T micros(T v, int nanos, PortableType t) {
        if (nanos % 1000 != 0) {
            throw new SyncException("Value " + v + " has sub-microsecond digits, which " + t + " cannot hold");
        }
        return v;
    }

    public static OffsetDateTime utc(Object v, PortableType t) {
        OffsetDateTime o;
        if (v instanceof OffsetDateTime x) {
            o = x;
        } else if (v instanceof Instant i) {
            o = i.atOffset(ZoneOffset.UTC);
        } else if (v instanceof java.time.ZonedDateTime z) {
            o = z.toOffsetDateTime();
        } else {
            throw wrongClass(v, t);
        }
        return micros(o.withOffsetSameInstant(ZoneOffset.UTC), o.getNano(), t);
    }

    /** CHAR(n) is blank-padded on PostgreSQL and trimmed on MySQL; canonically it carries no trailing spaces. */
    public static String rtrim(String s) {
        if (s == null) {
            return null;
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    public static <T> T as(Object v, Class<T> type, PortableType t) {
        if (!type.isInstance(v)) {
            throw wrongClass(v, t);
        }
        return type.cast(v);
    }

    public static float real(Object v, PortableType t) {
        if (v instanceof Float f) {
            return f;
        }
        throw wrongClass(v, t);
    }

    public static double dbl(Object v, PortableType t) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Float f) {
            return f;
        }
        throw wrongClass(v, t);
    }

    public static SyncException wrongClass(Object v, PortableType t) {
        return new SyncException("A " + t + " value must be " + canonicalClass(t.kind()) + ", got "
                + v.getClass().getName());
    }

    public static String canonicalClass(Kind k) {
        return switch (k) {
            case SMALLINT, INTEGER, BIGINT -> "Long";
            case NUMERIC -> "BigDecimal";
            case REAL -> "Float";
            case DOUBLE -> "Double";
            case BOOLEAN -> "Boolean";
            case TEXT, VARCHAR, CHAR, JSON -> "String";
            case BYTES -> "byte[]";
            case UUID -> "UUID";
            case DATE -> "LocalDate";
            case TIME -> "LocalTime";
            case TIMESTAMP -> "LocalDateTime";
            case TIMESTAMPTZ -> "OffsetDateTime";
        };
    }

    /** The JDBC type for a typed NULL, so servers that infer parameter types (PostgreSQL) get it right. */
    public static int sqlType(Kind k) {
        return switch (k) {
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case NUMERIC -> Types.NUMERIC;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
            case TEXT, VARCHAR, CHAR -> Types.VARCHAR;
            case BYTES -> Types.BINARY;
            case UUID, JSON -> Types.OTHER;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
        };
    }

    public static String columnName(ResultSet rs, int column) {
        try {
            return rs.getMetaData().getColumnLabel(column);
        } catch (SQLException e) {
            return "#" + column;
        }
    }

    public static SyncException unreadable(ResultSet rs, int column, PortableType t, String what) {
        return new SyncException("Column '" + columnName(rs, column) + "' (" + t + ") holds " + what
                + ", which has no exact " + canonicalClass(t.kind()) + " value; fix the row or the column type");
    }
}
