package dev.syncwright.jdbc.metadata;

import dev.syncwright.core.SyncException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Typed values (custom fields, conflict values) as bytes and as text. Both forms carry a one-letter
 * type tag so that a value comes back as the same Java type and {@code equals} the original
 * ({@code BigDecimal} keeps its scale, {@code Integer} stays distinct from {@code Long}, as in the
 * in-memory store's hash index). Unsupported types are refused, never stringified: a value that
 * cannot come back exactly must not be stored.
 */
final class Values {
    /** Index keys longer than this are replaced by a digest, so the key column stays small on every database. */
    static final int MAX_KEY = 128;
    private static final HexFormat HEX = HexFormat.of();

    private Values() {
    }

    /** Thrown inside this class; callers add the name of the field or value that was at fault. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    static final String SUPPORTED = "String, Integer, Long, Short, Byte, Boolean, Double, Float, byte[], UUID, "
            + "BigDecimal, BigInteger, LocalDate, LocalTime, LocalDateTime, OffsetDateTime, Instant or null";

    static char tag(Object v) throws Unsupported {
        if (v == null) {
            return 'N';
        } else if (v instanceof String) {
            return 's';
        } else if (v instanceof Integer) {
            return 'i';
        } else if (v instanceof Long) {
            return 'l';
        } else if (v instanceof Short) {
            return 'h';
        } else if (v instanceof Byte) {
            return 'y';
        } else if (v instanceof Boolean) {
            return 'b';
        } else if (v instanceof Double) {
            return 'd';
        } else if (v instanceof Float) {
            return 'f';
        } else if (v instanceof byte[]) {
            return 'x';
        } else if (v instanceof UUID) {
            return 'u';
        } else if (v instanceof BigDecimal) {
            return 'n';
        } else if (v instanceof BigInteger) {
            return 'g';
        } else if (v instanceof LocalDate) {
            return 'D';
        } else if (v instanceof LocalTime) {
            return 'T';
        } else if (v instanceof LocalDateTime) {
            return 'L';
        } else if (v instanceof OffsetDateTime) {
            return 'O';
        } else if (v instanceof Instant) {
            return 'I';
        }
        throw new Unsupported("values of type " + v.getClass().getName() + " cannot be stored (supported: " + SUPPORTED + ")");
    }

    // ---- text: "tag:payload", exact for every supported type ----

    static String toText(Object v) throws Unsupported {
        char t = tag(v);
        return switch (t) {
            case 'N' -> null;
            case 'x' -> "x:" + HEX.formatHex((byte[]) v);
            default -> t + ":" + v;
        };
    }

    static Object fromText(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() < 2 || text.charAt(1) != ':') {
            throw new IllegalArgumentException("not a tagged value: '" + abbreviate(text) + "'");
        }
        String p = text.substring(2);
        return switch (text.charAt(0)) {
            case 's' -> p;
            case 'i' -> Integer.valueOf(p);
            case 'l' -> Long.valueOf(p);
            case 'h' -> Short.valueOf(p);
            case 'y' -> Byte.valueOf(p);
            case 'b' -> parseBoolean(p);
            case 'd' -> Double.valueOf(p);
            case 'f' -> Float.valueOf(p);
            case 'x' -> HEX.parseHex(p);
            case 'u' -> UUID.fromString(p);
            case 'n' -> new BigDecimal(p);
            case 'g' -> new BigInteger(p);
            case 'D' -> LocalDate.parse(p);
            case 'T' -> LocalTime.parse(p);
            case 'L' -> LocalDateTime.parse(p);
            case 'O' -> OffsetDateTime.parse(p);
            case 'I' -> Instant.parse(p);
            default -> throw new IllegalArgumentException("unknown value tag '" + text.charAt(0) + "'");
        };
    }

    private static Boolean parseBoolean(String p) {
        if (p.equals("true") || p.equals("false")) {
            return Boolean.valueOf(p);
        }
        throw new IllegalArgumentException("not a boolean: '" + p + "'");
    }

    // ---- bytes: tag byte + payload ----

    static byte[] toBytes(Object v) throws Unsupported {
        char t = tag(v);
        byte[] payload = switch (t) {
            case 'N' -> new byte[0];
            case 's' -> utf8OrNull((String) v);
            case 'x' -> (byte[]) v;
            // fixed-width, sign-flipped big-endian: equal values give equal bytes, and byte order is numeric order
            case 'i' -> ByteBuffer.allocate(4).putInt(((Integer) v) ^ Integer.MIN_VALUE).array();
            case 'l' -> ByteBuffer.allocate(8).putLong(((Long) v) ^ Long.MIN_VALUE).array();
            default -> toText(v).substring(2).getBytes(StandardCharsets.UTF_8);
        };
        if (payload == null) {
            // a string with an unpaired surrogate: UTF-8 cannot hold it, raw UTF-16 code units can
            // (String.getBytes(UTF_16BE) would replace it, so the chars are copied as they are)
            t = 'w';
            String str = (String) v;
            ByteBuffer bb = ByteBuffer.allocate(str.length() * 2);
            bb.asCharBuffer().put(str);
            payload = bb.array();
        }
        byte[] out = new byte[payload.length + 1];
        out[0] = (byte) t;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    }

    static Object fromBytes(byte[] b, int off, int len) {
        if (len < 1) {
            throw new IllegalArgumentException("empty value");
        }
        char t = (char) b[off];
        int from = off + 1;
        int n = len - 1;
        // read in place: a metadata store decodes every item's fields when a replica opens (100,000 files: 400,000 values)
        return switch (t) {
            case 'N' -> null;
            case 's' -> new String(b, from, n, StandardCharsets.UTF_8);
            case 'w' -> ByteBuffer.wrap(b, from, n).asCharBuffer().toString();
            case 'x' -> Arrays.copyOfRange(b, from, from + n);
            case 'i' -> ByteBuffer.wrap(b, from, n).getInt() ^ Integer.MIN_VALUE;
            case 'l' -> ByteBuffer.wrap(b, from, n).getLong() ^ Long.MIN_VALUE;
            case 'u' -> UUID.fromString(new String(b, from, n, StandardCharsets.UTF_8));
            default -> fromText(t + ":" + new String(b, from, n, StandardCharsets.UTF_8));
        };
    }

    /**
     * The normalized form the custom-field index stores: equal values (by {@code equals}, and byte
     * arrays by content) give equal keys. Long values are replaced by a tagged SHA-256 digest.
     */
    static byte[] indexKey(Object v) throws Unsupported {
        byte[] b = toBytes(v);
        if (b.length <= MAX_KEY) {
            return b;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b);
            byte[] out = new byte[d.length + 1];
            out[0] = (byte) '#';
            System.arraycopy(d, 0, out, 1, d.length);
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new SyncException("SHA-256 is not available in this JVM", e);
        }
    }

    private static byte[] utf8OrNull(String s) {
        try {
            ByteBuffer bb = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
