package dev.syncwright.jdbc.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.Dialect;
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
 * The {@link ValueCodec} of each database family. All three share the canonical values of
 * {@link ValueCodec} and the checks that keep them exact (integer ranges, NUMERIC scale, microsecond
 * precision, no NaN where a database would turn it into something else); they differ in how a value
 * travels through the driver:
 * <ul>
 *   <li><b>PostgreSQL</b>: typed binds ({@code setObject} with java.time, {@code UUID}); JSON goes as
 *       {@code Types.OTHER} so the server casts the text to json or jsonb itself.</li>
 *   <li><b>MySQL/MariaDB</b>: {@code TIMESTAMP} is an instant shown in the session time zone, so the
 *       codec reads and writes its UTC wall time and needs {@link #prepareSession} (UTC) on the
 *       connection; never the JVM zone or Connector/J's {@code connectionTimeZone} guessing.</li>
 *   <li><b>SQLite</b>: values go in as the storage class {@link ClientDdl} declares (integers,
 *       REAL, BLOB, text for everything else: ISO dates with a 6-digit fraction, decimal strings,
 *       lowercase UUIDs), and are read by their actual storage class, because SQLite stores
 *       whatever an application wrote: a value that has an exact reading is accepted (text in a
 *       TEXT column, a 16-byte BLOB UUID, integer 0/1 booleans), anything else is refused with a
 *       message naming the column instead of being guessed at (xerial's getLong on 'abc' is 0).</li>
 * </ul>
 * Instances are stateless and thread-safe.
 */
final class ValueCodecs {
    private static final ValueCodec POSTGRES = new PgCodec();
    private static final ValueCodec MYSQL = new MySqlCodec();
    private static final ValueCodec SQLITE = new SqliteCodec();

    /** SQLite's text forms. A fixed 6-digit fraction keeps text order = time order (and one spelling per value). */
    static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);

    private ValueCodecs() {
    }

    static ValueCodec forDialect(Dialect dialect) {
        return switch (dialect.id()) {
            case "postgres" -> POSTGRES;
            case "mysql", "mariadb" -> MYSQL;
            case "sqlite" -> SQLITE;
            default -> throw new SyncException("No value codec for the " + dialect.id() + " dialect (" + dialect.product() + ")");
        };
    }

    /**
     * Prepares a connection for the codec; call it once per connection before reading or binding.
     * MySQL/MariaDB: {@code SET time_zone = '+00:00'}, since a TIMESTAMP column converts between UTC
     * and the session zone and the codec reads and writes UTC wall times. Other families: nothing.
     */
    static void prepareSession(Connection connection, Dialect dialect) throws SQLException {
        if (dialect.id().equals("mysql") || dialect.id().equals("mariadb")) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET time_zone = '+00:00'");
            }
        }
    }

    /**
     * The select-list expression that reads a column exactly. Use it in every SELECT whose values go
     * through {@link ValueCodec#read}. MySQL/MariaDB send FLOAT over the text protocol with 6
     * significant digits (3.4028235E38 arrives as 3.40282e38); adding 0E0 makes the server widen it
     * to DOUBLE, which it prints exactly, and the codec narrows it back without loss.
     */
    static String selectExpression(Dialect dialect, String quotedColumn, PortableType type) {
        if (type.kind() == Kind.REAL && (dialect.id().equals("mysql") || dialect.id().equals("mariadb"))) {
            return "(" + quotedColumn + " + 0E0)";
        }
        return quotedColumn;
    }

    // ---------------------------------------------------------------- shared checks

    /** Canonical integer: Long, within the kind's range (SMALLINT/INTEGER are narrower than the Java type). */
    static long integer(Object v, PortableType t) {
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
    static BigDecimal numeric(BigDecimal d, PortableType t) {
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

    static BigDecimal toBigDecimal(Object v, PortableType t) {
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
    static <T extends Temporal> T micros(T v, int nanos, PortableType t) {
        if (nanos % 1000 != 0) {
            throw new SyncException("Value " + v + " has sub-microsecond digits, which " + t + " cannot hold");
        }
        return v;
    }

    static OffsetDateTime utc(Object v, PortableType t) {
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
    static String rtrim(String s) {
        if (s == null) {
            return null;
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    static <T> T as(Object v, Class<T> type, PortableType t) {
        if (!type.isInstance(v)) {
            throw wrongClass(v, t);
        }
        return type.cast(v);
    }

    static float real(Object v, PortableType t) {
        if (v instanceof Float f) {
            return f;
        }
        throw wrongClass(v, t);
    }

    static double dbl(Object v, PortableType t) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Float f) {
            return f;
        }
        throw wrongClass(v, t);
    }

    static SyncException wrongClass(Object v, PortableType t) {
        return new SyncException("A " + t + " value must be " + canonicalClass(t.kind()) + ", got "
                + v.getClass().getName());
    }

    static String canonicalClass(Kind k) {
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
    static int sqlType(Kind k) {
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

    static String columnName(ResultSet rs, int column) {
        try {
            return rs.getMetaData().getColumnLabel(column);
        } catch (SQLException e) {
            return "#" + column;
        }
    }

    static SyncException unreadable(ResultSet rs, int column, PortableType t, String what) {
        return new SyncException("Column '" + columnName(rs, column) + "' (" + t + ") holds " + what
                + ", which has no exact " + canonicalClass(t.kind()) + " value; fix the row or the column type");
    }

    // ---------------------------------------------------------------- PostgreSQL

    /** pgjdbc maps java.time, UUID and BigDecimal exactly; only JSON and text need care. */
    static final class PgCodec implements ValueCodec {
        @Override
        public Object read(ResultSet rs, int c, PortableType t) throws SQLException {
            Object v = switch (t.kind()) {
                case SMALLINT, INTEGER, BIGINT -> {
                    long l = rs.getLong(c);
                    yield rs.wasNull() ? null : l;
                }
                case NUMERIC -> {
                    try {
                        yield numeric(rs.getBigDecimal(c), t);
                    } catch (SQLException | NumberFormatException e) {
                        // NaN and ±Infinity exist in PG numeric only
                        throw unreadable(rs, c, t, "'" + rs.getString(c) + "'");
                    }
                }
                case REAL -> {
                    float f = rs.getFloat(c);
                    yield rs.wasNull() ? null : f;
                }
                case DOUBLE -> {
                    double d = rs.getDouble(c);
                    yield rs.wasNull() ? null : d;
                }
                case BOOLEAN -> {
                    boolean b = rs.getBoolean(c);
                    yield rs.wasNull() ? null : b;
                }
                case TEXT, VARCHAR, JSON -> rs.getString(c);
                case CHAR -> rtrim(rs.getString(c));
                case BYTES -> rs.getBytes(c);
                case UUID -> rs.getObject(c, UUID.class);
                case DATE -> rs.getObject(c, LocalDate.class);
                case TIME -> rs.getObject(c, LocalTime.class);
                case TIMESTAMP -> rs.getObject(c, LocalDateTime.class);
                case TIMESTAMPTZ -> {
                    OffsetDateTime o = rs.getObject(c, OffsetDateTime.class);
                    yield o == null ? null : o.withOffsetSameInstant(ZoneOffset.UTC);
                }
            };
            return v;
        }

        @Override
        public void bind(PreparedStatement ps, int i, Object v, PortableType t) throws SQLException {
            if (v == null) {
                ps.setNull(i, t.kind() == Kind.TEXT ? Types.OTHER : sqlType(t.kind()));
                return;
            }
            switch (t.kind()) {
                case SMALLINT -> ps.setShort(i, (short) integer(v, t));
                case INTEGER -> ps.setInt(i, (int) integer(v, t));
                case BIGINT -> ps.setLong(i, integer(v, t));
                case NUMERIC -> ps.setBigDecimal(i, toBigDecimal(v, t));
                case REAL -> ps.setFloat(i, real(v, t));
                case DOUBLE -> ps.setDouble(i, dbl(v, t));
                case BOOLEAN -> ps.setBoolean(i, as(v, Boolean.class, t));
                // untyped text: PostgreSQL casts it to the column's own type (an enum, an array, interval, inet...)
                case TEXT -> ps.setObject(i, noNul(as(v, String.class, t), t), Types.OTHER);
                case VARCHAR, CHAR -> ps.setString(i, noNul(as(v, String.class, t), t));
                case BYTES -> ps.setBytes(i, as(v, byte[].class, t));
                case UUID -> ps.setObject(i, as(v, UUID.class, t));
                case DATE -> ps.setObject(i, as(v, LocalDate.class, t));
                case TIME -> {
                    LocalTime x = as(v, LocalTime.class, t);
                    ps.setObject(i, micros(x, x.getNano(), t));
                }
                case TIMESTAMP -> {
                    LocalDateTime x = as(v, LocalDateTime.class, t);
                    ps.setObject(i, micros(x, x.getNano(), t));
                }
                case TIMESTAMPTZ -> ps.setObject(i, utc(v, t));
                // untyped text: the server casts it to the column's json or jsonb
                case JSON -> ps.setObject(i, noNul(as(v, String.class, t), t), Types.OTHER);
                default -> throw new SyncException("PostgreSQL cannot bind " + t);
            }
        }

        /** PostgreSQL text cannot hold U+0000; SQLite and MySQL can, so say so instead of failing in the driver. */
        private static String noNul(String s, PortableType t) {
            if (s.indexOf('\0') >= 0) {
                throw new SyncException("A " + t + " value contains the character U+0000, which PostgreSQL text cannot store");
            }
            return s;
        }
    }

    // ---------------------------------------------------------------- MySQL / MariaDB

    /**
     * Connector/J (or any MySQL-protocol driver). Dates and times travel as text in both directions:
     * Connector/J takes MariaDB for "MySQL 5.5.5" and drops the fractional seconds of java.time
     * binds, and text has no zone for the driver to convert. TIMESTAMP needs the session at UTC
     * ({@link #prepareSession}). FLOAT is bound as a double (the text of a float, "3.4028235E38",
     * is above FLT_MAX once parsed as a double and refused) and read through
     * {@link #selectExpression}. Booleans are read as numbers: tinyint(1) can hold 2, which has no
     * exact boolean, and getBoolean would say true.
     */
    static final class MySqlCodec implements ValueCodec {
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
                                + "MySQL/MariaDB send with 6 significant digits; select it with ValueCodecs.selectExpression");
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
                            case TIMESTAMP -> SqliteCodec.parseLocalDateTime(s);
                            // the session is at UTC (prepareSession): the wall time is the instant
                            default -> SqliteCodec.parseLocalDateTime(s).atOffset(ZoneOffset.UTC);
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
                case DATE -> ps.setString(i, as(v, LocalDate.class, t).toString());
                case TIME -> {
                    LocalTime x = as(v, LocalTime.class, t);
                    ps.setString(i, micros(x, x.getNano(), t).format(SQLITE_TIME));
                }
                case TIMESTAMP -> ps.setString(i, SqliteCodec.sqliteText(as(v, LocalDateTime.class, t), t));
                // the session is at UTC (prepareSession): its wall time is the instant
                case TIMESTAMPTZ -> ps.setString(i, SqliteCodec.sqliteText(utc(v, t).toLocalDateTime(), t));
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

    // ---------------------------------------------------------------- SQLite

    /** Reads by storage class (xerial's getObject: Integer/Long, Double, String, byte[] or null). */
    static final class SqliteCodec implements ValueCodec {
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
                        LocalDateTime x = parseLocalDateTime(isoText(rs, c, o, t));
                        return microsRead(rs, c, t, x, x.getNano(), o);
                    } catch (DateTimeParseException e) {
                        throw unreadable(rs, c, t, describe(o));
                    }
                }
                case TIMESTAMPTZ -> {
                    try {
                        OffsetDateTime x = parseInstant(isoText(rs, c, o, t));
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
                case DATE -> ps.setString(i, as(v, LocalDate.class, t).toString());
                case TIME -> {
                    LocalTime x = as(v, LocalTime.class, t);
                    ps.setString(i, micros(x, x.getNano(), t).format(SQLITE_TIME));
                }
                case TIMESTAMP -> ps.setString(i, sqliteText(as(v, LocalDateTime.class, t), t));
                case TIMESTAMPTZ -> ps.setString(i, sqliteText(utc(v, t).toLocalDateTime(), t) + "Z");
                default -> throw new SyncException("SQLite cannot bind " + t);
            }
        }

        /** 'YYYY-MM-DD HH:MM:SS.ffffff': SQLite's own separator (datetime(), CURRENT_TIMESTAMP), so text comparisons with them work. */
        static String sqliteText(LocalDateTime x, PortableType t) {
            micros(x, x.getNano(), t);
            return x.toLocalDate() + " " + x.toLocalTime().format(SQLITE_TIME);
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

        /** Accepts 'T' or ' ' between date and time, and a bare date (midnight), as SQLite's date functions do. */
        static LocalDateTime parseLocalDateTime(String s) {
            LocalDateTime fast = IsoText.dateTime(s);
            if (fast != null) {
                return fast;
            }
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay();
            }
            return LocalDateTime.parse(tee(s));
        }

        /** With 'Z' or an offset; without one the text is UTC, which is what SQLite's date functions assume. */
        static OffsetDateTime parseInstant(String s) {
            String x = tee(s);
            int t = x.indexOf('T');
            boolean zoned = x.endsWith("Z") || x.endsWith("z") || (t > 0 && (x.indexOf('+', t) > 0 || x.indexOf('-', t) > 0));
            OffsetDateTime o = zoned ? OffsetDateTime.parse(x.endsWith("z") ? x.substring(0, x.length() - 1) + "Z" : x)
                    : parseLocalDateTime(s).atOffset(ZoneOffset.UTC);
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }

        private static String tee(String s) {
            return s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        }

        private static String describe(Object o) {
            String cls = o instanceof String ? "TEXT" : o instanceof byte[] ? "BLOB" : o instanceof Double ? "REAL" : "INTEGER";
            String shown = o instanceof byte[] b ? b.length + " bytes" : "'" + o + "'";
            return "the " + cls + " value " + (shown.length() > 80 ? shown.substring(0, 77) + "...'" : shown);
        }
    }
}
