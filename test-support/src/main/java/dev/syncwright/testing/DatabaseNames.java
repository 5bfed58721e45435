package dev.syncwright.testing;

import java.security.SecureRandom;
import java.util.Locale;

/** {@code sw_<sanitized hint>_<8 random hex>}: lowercase, {@code [a-z0-9_]}, at most 63 characters. */
final class DatabaseNames {

    static final int MAX_LENGTH = 63;
    private static final String PREFIX = "sw_";
    private static final int SUFFIX_LENGTH = 1 + 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DatabaseNames() {
    }

    static String newName(String hint) {
        String suffix = String.format(Locale.ROOT, "_%08x", RANDOM.nextInt());
        String body = sanitize(hint);
        int room = MAX_LENGTH - PREFIX.length() - SUFFIX_LENGTH;
        if (body.length() > room) {
            body = trimUnderscores(body.substring(0, room));
        }
        return PREFIX + body + suffix;
    }

    /** CamelCase becomes snake_case, every other character outside [a-z0-9] an underscore. */
    static String sanitize(String hint) {
        if (hint == null || hint.isBlank()) {
            return "db";
        }
        StringBuilder out = new StringBuilder(hint.length() + 8);
        char previous = 0;
        for (int i = 0; i < hint.length(); i++) {
            char c = hint.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                boolean lowerBefore = (previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9');
                boolean acronymEnd = previous >= 'A' && previous <= 'Z'
                        && i + 1 < hint.length() && hint.charAt(i + 1) >= 'a' && hint.charAt(i + 1) <= 'z';
                if (lowerBefore || acronymEnd) {
                    out.append('_');
                }
                out.append((char) (c + ('a' - 'A')));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            } else {
                out.append('_');
            }
            previous = c;
        }
        String collapsed = trimUnderscores(out.toString().replaceAll("_+", "_"));
        return collapsed.isEmpty() ? "db" : collapsed;
    }

    private static String trimUnderscores(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '_') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '_') {
            end--;
        }
        return s.substring(start, end);
    }
}
