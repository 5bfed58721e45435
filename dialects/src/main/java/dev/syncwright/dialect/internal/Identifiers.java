package dev.syncwright.dialect.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Quoting and length-safe derived names, shared by the dialects. */
public final class Identifiers {
    private Identifiers() {
    }

    /** Wraps in {@code quote} and doubles every embedded {@code quote}. Refuses NUL, which no database stores. */
    public static String quote(String identifier, char quote) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains NUL: " + identifier.replace('\0', '?'));
        }
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }

    /** A standard SQL string literal: embedded single quotes doubled. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * {@code base + suffix} when it fits in {@code maxBytes} UTF-8 bytes (0 = unlimited); otherwise
     * {@code base} cut on a character boundary, a {@code ~} and 8 hex digits of the SHA-256 of the full
     * base, then the suffix: still unique, still recognizable.
     */
    public static String fit(String base, String suffix, int maxBytes) {
        String full = base + suffix;
        if (maxBytes <= 0 || utf8(full) <= maxBytes) {
            return full;
        }
        String tag = "~" + hash8(base);
        int budget = maxBytes - utf8(suffix) - utf8(tag);
        StringBuilder cut = new StringBuilder();
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int len = utf8(new String(Character.toChars(cp)));
            if (used + len > budget) {
                break;
            }
            cut.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return cut + tag + suffix;
    }

    static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static String hash8(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A dollar-quote tag for PostgreSQL bodies that does not occur in {@code body}. */
    public static String dollarTag(String body) {
        String tag = "$sw$";
        for (int i = 1; body.contains(tag); i++) {
            tag = "$sw" + i + "$";
        }
        return tag;
    }
}
