package dev.syncwright.dialect.mysql;

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

/**
 * Connector/J (or any MySQL-protocol driver). Dates and times travel as text in both directions:
 * Connector/J takes MariaDB for "MySQL 5.5.5" and drops the fractional seconds of java.time
 * binds, and text has no zone for the driver to convert. TIMESTAMP needs the session at UTC
 * ({@link #prepareSession}). FLOAT is bound as a double (the text of a float, "3.4028235E38",
 * is above FLT_MAX once parsed as a double and refused) and read through
 * {@link #selectExpression}. Booleans are read as numbers: tinyint(1) can hold 2, which has no
 * exact boolean, and getBoolean would say true.
 */
final class MySqlCodec implements ValueCodec {
    /**
     * {@code SET time_zone = '+00:00'}: a TIMESTAMP column converts between UTC and the session zone,
     * and this codec reads and writes UTC wall times (never the JVM zone or Connector/J's guessing).
     */
    @Override
    public void prepareSession(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
        }
    }

    /**
     * MySQL/MariaDB send FLOAT over the text protocol with 6 significant digits (3.4028235E38 arrives
     * as 3.40282e38); adding 0E0 makes the server widen it to DOUBLE, which it prints exactly, and the
     * codec narrows it back without loss.
     */
    @Override
    public String selectExpression(String quotedColumn, PortableType type) {
        return type.kind() == Kind.REAL ? "(" + quotedColumn + " + 0E0)" : quotedColumn;
    }
    @Override
    public Object read(ResultSet rs, int c, PortableType t) throws SQLException {
        return switch (t.kind()) {
            case SMALLINT, INTEGER, BIGINT -> {
                long l = rs.getLong(c);
                yield rs.wasNull() ? null : l;
            }
            case NUMERIC -> numeric(rs.getBigDecimal(c), t);
            case REAL -> {
                if (rs.getMetaData().getColumnType(c) == Types.REAL) {
                    throw new SyncException("Column '" + columnName(rs, c) + "' (" + t + ") was selected as a FLOAT, which "
                            + "MySQL/MariaDB send with 6 significant digits; select it with ValueCodec.selectExpression");
                }
                double d = rs.getDouble(c);
                yield rs.wasNull() ? null : (float) d;
            }
            case DOUBLE -> {
                double d = rs.getDouble(c);
                yield rs.wasNull() ? null : d;
            }
            case BOOLEAN -> {
                long l = rs.getLong(c);
                if (rs.wasNull()) {
                    yield null;
                }
                if (l != 0 && l != 1) {
                    throw unreadable(rs, c, t, "the number " + l);
                }
                yield l == 1;
            }
            case TEXT, VARCHAR, JSON -> rs.getString(c);
            case CHAR -> rtrim(rs.getString(c));
            case BYTES -> rs.getBytes(c);
            case UUID -> {
                String s = rs.getString(c);
                if (s == null) {
                    yield null;
                }
                if (!IsoText.isUuid(s)) {
                    throw unreadable(rs, c, t, "'" + s + "'");
                }
                yield UUID.fromString(s);
            }
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> {
                String s = rs.getString(c);
                if (s == null) {
                    yield null;
                }
                try {
                    yield switch (t.kind()) {
                        case DATE -> LocalDate.parse(s);
                        case TIME -> LocalTime.parse(s);
                        case TIMESTAMP -> IsoText.parseLocalDateTime(s);
                        // the session is at UTC (prepareSession): the wall time is the instant
                        default -> IsoText.parseLocalDateTime(s).atOffset(ZoneOffset.UTC);
                    };
                } catch (DateTimeParseException e) {
                    // zero dates, negative or 24h+ TIME values
                    throw unreadable(rs, c, t, "'" + s + "'");
                }
            }
        };
    }

    @Override
    public void bind(PreparedStatement ps, int i, Object v, PortableType t) throws SQLException {
        if (v == null) {
            ps.setNull(i, t.kind() == Kind.UUID || t.kind() == Kind.JSON ? Types.VARCHAR
                    : t.kind() == Kind.TIMESTAMPTZ ? Types.TIMESTAMP : sqlType(t.kind()));
            return;
        }
        switch (t.kind()) {
            case SMALLINT, INTEGER, BIGINT -> ps.setLong(i, integer(v, t));
            case NUMERIC -> ps.setBigDecimal(i, toBigDecimal(v, t));
            case REAL -> ps.setDouble(i, finite(real(v, t), t));
            case DOUBLE -> ps.setDouble(i, finite(dbl(v, t), t));
            case BOOLEAN -> ps.setBoolean(i, as(v, Boolean.class, t));
            case TEXT, VARCHAR, CHAR, JSON -> ps.setString(i, as(v, String.class, t));
            case BYTES -> ps.setBytes(i, as(v, byte[].class, t));
            case UUID -> ps.setString(i, as(v, UUID.class, t).toString());
            case DATE, TIME, TIMESTAMP -> ps.setString(i, IsoText.text(v, t));
            // the session is at UTC (prepareSession): its wall time is the instant
            case TIMESTAMPTZ -> ps.setString(i, IsoText.sqliteText(utc(v, t).toLocalDateTime(), t));
            default -> throw new SyncException("MySQL cannot bind " + t);
        }
    }

    /** MySQL/MariaDB FLOAT and DOUBLE have no NaN or infinities. */
    private static double finite(double d, PortableType t) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new SyncException("A " + t + " value of " + d + " cannot be stored by MySQL/MariaDB");
        }
        return d;
    }

    private static double finite(float f, PortableType t) {
        return finite((double) f, t);
    }
}
