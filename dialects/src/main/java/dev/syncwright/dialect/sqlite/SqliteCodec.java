package dev.syncwright.dialect.sqlite;

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
import dev.syncwright.dialect.ValueCodec;
import dev.syncwright.dialect.internal.IsoText;
import static dev.syncwright.dialect.internal.Canonical.*;

/** Reads by storage class (xerial's getObject: Integer/Long, Double, String, byte[] or null). */
final class SqliteCodec implements ValueCodec {
    @Override
    public Object read(ResultSet rs, int c, PortableType t) throws SQLException {
        Object o = rs.getObject(c);
        if (o == null) {
            return null;
        }
        switch (t.kind()) {
            case SMALLINT, INTEGER, BIGINT -> {
                if (o instanceof Integer || o instanceof Long) {
                    long l = ((Number) o).longValue();
                    try {
                        return integer(l, t);
                    } catch (SyncException e) {
                        throw unreadable(rs, c, t, "the out-of-range integer " + l);
                    }
                }
                // INTEGER affinity already turned numeric text and integral reals into integers
                throw unreadable(rs, c, t, describe(o));
            }
            case NUMERIC -> {
                BigDecimal d;
                if (o instanceof String s) {
                    try {
                        d = new BigDecimal(s.strip());
                    } catch (NumberFormatException e) {
                        throw unreadable(rs, c, t, describe(o));
                    }
                } else if (o instanceof Integer || o instanceof Long) {
                    d = BigDecimal.valueOf(((Number) o).longValue());
                } else if (o instanceof Double x && Double.isFinite(x)) {
                    // a user-declared NUMERIC-affinity column: the shortest decimal of the stored double
                    d = new BigDecimal(Double.toString(x));
                } else {
                    throw unreadable(rs, c, t, describe(o));
                }
                try {
                    return numeric(d, t);
                } catch (SyncException e) {
                    throw new SyncException("Column '" + columnName(rs, c) + "': " + e.getMessage(), e);
                }
            }
            case REAL -> {
                if (o instanceof Double || o instanceof Integer || o instanceof Long) {
                    // rounded to float as the server's float4 / FLOAT would round it; a finite value
                    // beyond float's range would silently become an infinity
                    float f = ((Number) o).floatValue();
                    if (Float.isInfinite(f) && !Double.isInfinite(((Number) o).doubleValue())) {
                        throw unreadable(rs, c, t, describe(o) + ", beyond the range of a 4-byte float,");
                    }
                    return f;
                }
                throw unreadable(rs, c, t, describe(o));
            }
            case DOUBLE -> {
                if (o instanceof Double || o instanceof Integer || o instanceof Long) {
                    return ((Number) o).doubleValue();
                }
                throw unreadable(rs, c, t, describe(o));
            }
            case BOOLEAN -> {
                if ((o instanceof Integer || o instanceof Long) && (((Number) o).longValue() == 0 || ((Number) o).longValue() == 1)) {
                    return ((Number) o).longValue() == 1;
                }
                if (o instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(s);
                }
                throw unreadable(rs, c, t, describe(o));
            }
            case TEXT, VARCHAR, JSON -> {
                return text(rs, c, o, t);
            }
            case CHAR -> {
                return rtrim(text(rs, c, o, t));
            }
            case BYTES -> {
                // text in a BLOB column: its UTF-8 bytes, as CAST(x AS BLOB) would give
                return o instanceof byte[] b ? b : rs.getString(c).getBytes(StandardCharsets.UTF_8);
            }
            case UUID -> {
                if (o instanceof String s && IsoText.isUuid(s)) {
                    return UUID.fromString(s);
                }
                if (o instanceof byte[] b && b.length == 16) {
                    ByteBuffer bb = ByteBuffer.wrap(b);
                    return new UUID(bb.getLong(), bb.getLong());
                }
                throw unreadable(rs, c, t, describe(o));
            }
            case DATE -> {
                try {
                    String text = isoText(rs, c, o, t);
                    LocalDate fast = IsoText.date(text);
                    return fast != null ? fast : LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw unreadable(rs, c, t, describe(o));
                }
            }
            case TIME -> {
                try {
                    LocalTime x = LocalTime.parse(isoText(rs, c, o, t));
                    return microsRead(rs, c, t, x, x.getNano(), o);
                } catch (DateTimeParseException e) {
                    throw unreadable(rs, c, t, describe(o));
                }
            }
            case TIMESTAMP -> {
                try {
                    LocalDateTime x = IsoText.parseLocalDateTime(isoText(rs, c, o, t));
                    return microsRead(rs, c, t, x, x.getNano(), o);
                } catch (DateTimeParseException e) {
                    throw unreadable(rs, c, t, describe(o));
                }
            }
            case TIMESTAMPTZ -> {
                try {
                    OffsetDateTime x = IsoText.parseInstant(isoText(rs, c, o, t));
                    return microsRead(rs, c, t, x, x.getNano(), o);
                } catch (DateTimeParseException e) {
                    throw unreadable(rs, c, t, describe(o));
                }
            }
            default -> throw unreadable(rs, c, t, describe(o));
        }
    }

    @Override
    public void bind(PreparedStatement ps, int i, Object v, PortableType t) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NULL);
            return;
        }
        switch (t.kind()) {
            case SMALLINT, INTEGER, BIGINT -> ps.setLong(i, integer(v, t));
            // toPlainString: "1E+3" would be a different text; the scale survives as trailing zeros
            case NUMERIC -> ps.setString(i, toBigDecimal(v, t).toPlainString());
            // a float widens to a double exactly; SQLite REAL is a double
            case REAL -> ps.setDouble(i, notNaN(real(v, t), t));
            case DOUBLE -> ps.setDouble(i, notNaN(dbl(v, t), t));
            case BOOLEAN -> ps.setInt(i, as(v, Boolean.class, t) ? 1 : 0);
            case TEXT, VARCHAR, CHAR, JSON -> ps.setString(i, as(v, String.class, t));
            case BYTES -> ps.setBytes(i, as(v, byte[].class, t));
            case UUID -> ps.setString(i, as(v, UUID.class, t).toString());
            case DATE, TIME, TIMESTAMP -> ps.setString(i, IsoText.text(v, t));
            case TIMESTAMPTZ -> ps.setString(i, IsoText.sqliteText(utc(v, t).toLocalDateTime(), t) + "Z");
            default -> throw new SyncException("SQLite cannot bind " + t);
        }
    }


    /** SQLite turns NaN into NULL; refuse instead of losing the value. */
    private static double notNaN(double d, PortableType t) {
        if (Double.isNaN(d)) {
            throw new SyncException("A " + t + " value of NaN cannot be stored by SQLite (it would become NULL)");
        }
        return d;
    }

    private static String text(ResultSet rs, int c, Object o, PortableType t) throws SQLException {
        if (o instanceof byte[] b) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                throw unreadable(rs, c, t, "a BLOB that is not UTF-8 text");
            }
        }
        if (o instanceof String s) {
            return s;
        }
        // a number in a text column reads as SQLite's own text of it
        return rs.getString(c);
    }

    private static String isoText(ResultSet rs, int c, Object o, PortableType t) {
        if (o instanceof String s) {
            return s.strip();
        }
        // xerial's setDate/setTimestamp store epoch milliseconds, whose zone nobody knows
        throw unreadable(rs, c, t, describe(o) + " (dates and times are ISO-8601 text in SQLite)");
    }

    private static <T extends Temporal> T microsRead(ResultSet rs, int c, PortableType t, T x, int nanos, Object o) {
        if (nanos % 1000 != 0) {
            throw unreadable(rs, c, t, describe(o) + " with sub-microsecond digits");
        }
        return x;
    }


    private static String describe(Object o) {
        String cls = o instanceof String ? "TEXT" : o instanceof byte[] ? "BLOB" : o instanceof Double ? "REAL" : "INTEGER";
        String shown = o instanceof byte[] b ? b.length + " bytes" : "'" + o + "'";
        return "the " + cls + " value " + (shown.length() > 80 ? shown.substring(0, 77) + "...'" : shown);
    }
}
