package dev.syncwright.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDBC URL as the user gave it, read by its structure: the URL the driver gets, the credentials it
 * carries, every form in which its passwords could be echoed, and the URL as it may be shown.
 *
 * <p>The {@code user:password@} part is taken out of the URL and handed to the driver as connection
 * properties: Connector/J splits the host list at {@code ','} and echoes the pieces in its messages
 * ("Failed to parse the host:port pair 'app:p'"), so a password left in the URL leaks in part, and
 * a piece cannot be recognized afterwards. Password parameters stay where they are (drivers split
 * them at {@code '&'} only, so an echo is whole) and are masked by value.
 */
record JdbcUrl(String given, String driverUrl, String user, String password, String shown, List<String> secrets) {
    /** The parameters that hold a password: PostgreSQL's, Connector/J's (and its multi-factor ones), common aliases. */
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)[?&;](?:password[123]?|passwd|pwd|sslpassword)=([^&]*)");

    static JdbcUrl parse(String url) {
        if (url == null) {
            return new JdbcUrl(null, null, null, null, null, List.of());
        }
        Set<String> secrets = new LinkedHashSet<>();
        StringBuilder shown = new StringBuilder(url);
        Matcher m = PASSWORD_PARAM.matcher(url);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(1), m.end(1)});
            addForms(secrets, m.group(1));
        }
        String driverUrl = url;
        String user = null;
        String password = null;
        int start = url.indexOf("://");
        // SQLite URLs are file names, and Connector/J's "(host=..,password=..)" forms are parameters
        if (!url.startsWith("jdbc:sqlite:") && start > 0
                && !url.startsWith("(", start + 3) && !url.startsWith("address=", start + 3)) {
            start += 3;
            int query = url.indexOf('?', start);
            // the last '@' before the parameters: a password may hold '@' (and '/') as typed
            int at = url.lastIndexOf('@', (query < 0 ? url.length() : query) - 1);
            if (at >= start) {
                String info = url.substring(start, at);
                int colon = info.indexOf(':');
                user = percentDecoded(colon < 0 ? info : info.substring(0, colon));
                if (colon >= 0) {
                    password = percentDecoded(info.substring(colon + 1));
                    addForms(secrets, info.substring(colon + 1));
                    spans.add(new int[] {start + colon + 1, at});
                }
                driverUrl = url.substring(0, start) + url.substring(at + 1);
            }
        }
        spans.sort((a, b) -> Integer.compare(b[0], a[0]));
        for (int[] s : spans) {
            shown.replace(s[0], s[1], "***");
        }
        return new JdbcUrl(url, driverUrl, user, password, shown.toString(), List.copyOf(secrets));
    }

    /** As typed, and decoded the ways drivers decode it (PostgreSQL: '+' is a space; Connector/J: '+' stays). */
    private static void addForms(Set<String> secrets, String raw) {
        secrets.add(raw);
        String percent = percentDecoded(raw);
        secrets.add(percent);
        secrets.add(percent.replace('+', ' '));
        secrets.add(percentDecoded(raw.replace('+', ' ')));
    }

    /** RFC 3986 decoding ('+' stays '+'); a '%' not followed by two hex digits stays as it is. */
    static String percentDecoded(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
                out.write(hex(b[i + 1]) * 16 + hex(b[i + 2]));
                i += 2;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        return Character.digit(c, 16);
    }
}
