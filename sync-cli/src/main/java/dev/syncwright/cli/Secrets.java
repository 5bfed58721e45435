package dev.syncwright.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes passwords from anything the command prints. In this order: the URLs the command was given,
 * replaced whole by their masked form (read by structure, see {@link JdbcUrl}, so any character of a
 * password is masked); then the literal password values the command knows of, longest first (a
 * driver could echo them; a shorter one replaced first would leave the rest of a longer one); then,
 * for a URL the command was not given, password parameters and {@code user:password@} by pattern.
 * Masking twice is harmless: an already masked value is left alone.
 */
final class Secrets {
    private static final Pattern URL_PARAM = Pattern.compile(
            "(?i)((?:password[123]?|passwd|pwd|sslpassword)=)(?!\\*\\*\\*)(?:[^&;,:\\s)\"']|:(?!\\s|$))*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@\\s]*:)(?!\\*\\*\\*@)[^@/\\s]*@");
    /** Shorter values would garble ordinary words; drivers do not echo passwords anyway. */
    private static final int MIN_LITERAL = 3;

    private final List<String> known = new ArrayList<>();
    /** Each URL given, and the one the driver got, to its masked form. */
    private final Map<String, String> urls = new LinkedHashMap<>();

    void add(String secret) {
        if (secret != null && secret.length() >= MIN_LITERAL && !known.contains(secret)) {
            known.add(secret);
            known.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    /** Registers the passwords of a URL and the URL itself; returns it parsed. */
    JdbcUrl addUrl(String url) {
        JdbcUrl parsed = JdbcUrl.parse(url);
        if (url != null) {
            parsed.secrets().forEach(this::add);
            urls.put(url, parsed.shown());
            if (!parsed.driverUrl().equals(url)) {
                urls.put(parsed.driverUrl(), JdbcUrl.parse(parsed.driverUrl()).shown());
            }
        }
        return parsed;
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        // longest first: one URL may begin with another
        List<String> given = new ArrayList<>(urls.keySet());
        given.sort(Comparator.comparingInt(String::length).reversed());
        for (String u : given) {
            String shown = urls.get(u);
            // an empty password last in the URL: the URL is the start of its masked form, which stays as it is
            String already = shown.startsWith(u) ? "(?!" + Pattern.quote(shown.substring(u.length())) + ")" : "";
            out = Pattern.compile(Pattern.quote(u) + already).matcher(out).replaceAll(Matcher.quoteReplacement(shown));
        }
        for (String s : known) {
            out = out.replace(s, "***");
        }
        out = URL_PARAM.matcher(out).replaceAll("$1***");
        return URL_USERINFO.matcher(out).replaceAll("$1***@");
    }
}
