package dev.syncwright.jdbc.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Fast paths for the text forms the SQLite codec reads most: {@code yyyy-MM-dd},
 * {@code yyyy-MM-dd[T ]HH:mm:ss[.fffffffff]} and a UUID's 36 characters. A download, an upload and
 * verify read one such value per column of every row, and {@code java.time}'s formatter parse costs
 * about a microsecond each. Anything of another shape, or out of range, returns null (not a UUID:
 * false): the caller then parses it the general way, with the general way's errors.
 */
final class IsoText {
    private IsoText() {
    }

    /** {@code yyyy-MM-dd}, or null. */
    static LocalDate date(String s) {
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
    static LocalDateTime dateTime(String s) {
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
    static boolean isUuid(String s) {
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
}
