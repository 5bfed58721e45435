package dev.syncwright.dialect;

import dev.syncwright.dialect.PortableType.Kind;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a server's column holds, as its database describes them ({@link TypeMapping#domain}):
 * narrower than the portable type where the native type says so (an unsigned MySQL integer, a
 * TIMESTAMP's years, a latin1 text). A client states it as CHECK constraints so that a value the
 * server would refuse or change is refused where the application writes it.
 *
 * @param integerMin        least integer value (integer kinds only, else null)
 * @param integerMax        greatest integer value (integer kinds only, else null)
 * @param fractionalDigits  digits of a second the server keeps (6 for non-temporal kinds)
 * @param infinities        floating-point columns hold ±Infinity
 * @param nulCharacters     text columns hold U+0000
 * @param binaryLength      a fixed or maximum byte length of a binary column ({@code fixedBinary}), or null
 * @param fixedBinary       {@code binaryLength} is exact (the column pads shorter values)
 * @param maxBytes          longest value in bytes of a text or binary column, or null
 * @param repertoire        the characters a text column stores
 * @param instantMin        least TIMESTAMPTZ value as ISO text, or null when unbounded
 * @param instantMax        greatest TIMESTAMPTZ value as ISO text, or null when unbounded
 */
public record ColumnDomain(Long integerMin, Long integerMax, int fractionalDigits, boolean infinities,
                           boolean nulCharacters, Integer binaryLength, boolean fixedBinary, Long maxBytes,
                           Repertoire repertoire, String instantMin, String instantMax) {

    /** The characters a text column can store. */
    public enum Repertoire {
        UNICODE,
        /** The Basic Multilingual Plane only (MySQL utf8mb3, ucs2). */
        BMP,
        /** Windows-1252, as MySQL's latin1 is. */
        LATIN1,
        ASCII
    }

    private static final Pattern FSP = Pattern.compile("^(?:time|timestamp|datetime)(?:tz)?\\s*\\(\\s*(\\d)\\s*\\).*");

    /**
     * What any database's column of {@code c}'s portable type holds: the kind's range, microseconds
     * unless the native type names fewer digits ({@code defaultDigits} when it names none).
     */
    public static ColumnDomain of(ColumnDefinition c, int defaultDigits) {
        long[] range = kindRange(c.type().kind());
        boolean integer = range != null;
        return new ColumnDomain(integer ? range[0] : null, integer ? range[1] : null, fractionalDigits(c, defaultDigits),
                true, true, null, false, null, Repertoire.UNICODE, null, null);
    }

    /** A column of an unknown server: only its portable type is known. */
    public static ColumnDomain of(ColumnDefinition c) {
        return of(c, 6);
    }

    public ColumnDomain withIntegerRange(long min, long max) {
        return new ColumnDomain(min, max, fractionalDigits, infinities, nulCharacters, binaryLength, fixedBinary, maxBytes,
                repertoire, instantMin, instantMax);
    }

    public ColumnDomain withLimits(boolean infinities, boolean nulCharacters) {
        return new ColumnDomain(integerMin, integerMax, fractionalDigits, infinities, nulCharacters, binaryLength, fixedBinary,
                maxBytes, repertoire, instantMin, instantMax);
    }

    public ColumnDomain withBytes(Integer binaryLength, boolean fixedBinary, Long maxBytes) {
        return new ColumnDomain(integerMin, integerMax, fractionalDigits, infinities, nulCharacters, binaryLength, fixedBinary,
                maxBytes, repertoire, instantMin, instantMax);
    }

    public ColumnDomain withRepertoire(Repertoire r) {
        return new ColumnDomain(integerMin, integerMax, fractionalDigits, infinities, nulCharacters, binaryLength, fixedBinary,
                maxBytes, r, instantMin, instantMax);
    }

    public ColumnDomain withInstants(String min, String max) {
        return new ColumnDomain(integerMin, integerMax, fractionalDigits, infinities, nulCharacters, binaryLength, fixedBinary,
                maxBytes, repertoire, min, max);
    }

    /** Whether the integer range is narrower than the one of {@code kind}. */
    public boolean narrowerThan(Kind kind) {
        long[] k = kindRange(kind);
        return integerMin != null && k != null && (integerMin != k[0] || integerMax != k[1]);
    }

    /** The range of an integer kind, null for other kinds. */
    public static long[] kindRange(Kind k) {
        return switch (k) {
            case SMALLINT -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case INTEGER -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            case BIGINT -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
            default -> null;
        };
    }

    private static int fractionalDigits(ColumnDefinition c, int defaultDigits) {
        Kind k = c.type().kind();
        if (k != Kind.TIME && k != Kind.TIMESTAMP && k != Kind.TIMESTAMPTZ) {
            return 6;
        }
        Matcher m = FSP.matcher(c.nativeType().toLowerCase(Locale.ROOT).strip());
        return m.matches() ? Math.min(6, Integer.parseInt(m.group(1))) : defaultDigits;
    }
}
