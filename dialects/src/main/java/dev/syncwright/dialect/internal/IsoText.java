package dev.syncwright.dialect.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import dev.syncwright.dialect.PortableType;

/**
 * Fast paths for the text forms the SQLite codec reads most: {@code yyyy-MM-dd},
 * {@code yyyy-MM-dd[T ]HH:mm:ss[.fffffffff]} and a UUID's 36 characters. A download, an upload and
 * verify read one such value per column of every row, and {@code java.time}'s formatter parse costs
 * about a microsecond each. Anything of another shape, or out of range, returns null (not a UUID:
 * false): the caller then parses it the general way, with the general way's errors.
 */
public final class IsoText {
    /** SQLite's text form of a time (MySQL's too). A fixed 6-digit fraction keeps text order = time order (and one spelling per value). */
    public static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);

    private IsoText() {
    }

    /** {@code yyyy-MM-dd}, or null. */
    public static LocalDate date(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int y = digits(s, 0, 4);
        int m = digits(s, 5, 7);
        int d = digits(s, 8, 10);
        if (y < 0 || m < 0 || d < 0) {
            return null;
        }
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} with an optional fraction of 1 to 9 digits, 'T' or ' ' between; or null. */
    public static LocalDateTime dateTime(String s) {
        int n = s.length();
        if (n < 19 || n == 20 || n > 29 || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        LocalDate date = date(s.substring(0, 10));
        int h = digits(s, 11, 13);
        int mi = digits(s, 14, 16);
        int se = digits(s, 17, 19);
        int nano = 0;
        if (n > 19) {
            if (s.charAt(19) != '.') {
                return null;
            }
            int f = digits(s, 20, n);
            if (f < 0) {
                return null;
            }
            nano = f;
            for (int i = n - 20; i < 9; i++) {
                nano *= 10;
            }
        }
        if (date == null || h < 0 || mi < 0 || se < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(date, LocalTime.of(h, mi, se, nano));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** 8-4-4-4-12 hexadecimal digits, either case. */
    public static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number in s[from, to) (at most 9 digits), or -1 if a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** 'YYYY-MM-DD HH:MM:SS.ffffff': SQLite's own separator (datetime(), CURRENT_TIMESTAMP), so text comparisons with them work. */
    public static String sqliteText(LocalDateTime x, PortableType t) {
        Canonical.micros(x, x.getNano(), t);
        return x.toLocalDate() + " " + x.toLocalTime().format(SQLITE_TIME);
    }

    /** Accepts 'T' or ' ' between date and time, and a bare date (midnight), as SQLite's date functions do. */
    public static LocalDateTime parseLocalDateTime(String s) {
        LocalDateTime fast = dateTime(s);
        if (fast != null) {
            return fast;
        }
        if (s.length() == 10) {
            return LocalDate.parse(s).atStartOfDay();
        }
        return LocalDateTime.parse(tee(s));
    }

    /** With 'Z' or an offset; without one the text is UTC, which is what SQLite's date functions assume. */
    public static OffsetDateTime parseInstant(String s) {
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

    /** The text of a DATE, TIME or TIMESTAMP value as SQLite stores it and MySQL reads it: ISO, 6 fractional digits. */
    public static String text(Object v, PortableType t) {
        return switch (t.kind()) {
            case DATE -> Canonical.as(v, LocalDate.class, t).toString();
            case TIME -> {
                LocalTime x = Canonical.as(v, LocalTime.class, t);
                yield Canonical.micros(x, x.getNano(), t).format(SQLITE_TIME);
            }
            default -> sqliteText(Canonical.as(v, LocalDateTime.class, t), t);
        };
    }
}
