package dev.syncwright.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes passwords from anything the command prints: URL parameters, {@code user:password@} in
 * URLs, and the literal password values the command knows of (a driver could echo them). Masking
 * twice is harmless: an already masked value is left alone.
 */
final class Secrets {
    private static final Pattern URL_PARAM = Pattern.compile("(?i)((?:password|passwd|pwd|sslpassword)=)(?!\\*\\*\\*)(?:[^&;,:\\s)\"']|:(?!\\s|$))*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@\\s]*:)(?!\\*\\*\\*@)[^@/\\s]*@");
    /** Shorter values would garble ordinary words; drivers do not echo passwords anyway. */
    private static final int MIN_LITERAL = 3;

    private final List<String> known = new ArrayList<>();

    void add(String secret) {
        if (secret != null && secret.length() >= MIN_LITERAL && !known.contains(secret)) {
            known.add(secret);
        }
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = URL_PARAM.matcher(text).replaceAll("$1***");
        out = URL_USERINFO.matcher(out).replaceAll("$1***@");
        for (String s : known) {
            out = out.replace(s, "***");
        }
        return out;
    }
}
