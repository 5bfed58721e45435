package dev.syncwright.testing;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Small, dependency-free manipulation of {@code jdbc:postgresql:} and {@code jdbc:mysql:} URLs. */
final class JdbcUrls {

    private static final Pattern PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;]*");

    private JdbcUrls() {
    }

    /** The same URL naming another database: the path after the host part is replaced (or added). */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int authority = base.indexOf("//");
        String replaced;
        if (authority < 0) {
            // jdbc:postgresql:dbname (host defaults to localhost)
            int colon = base.lastIndexOf(':');
            replaced = base.substring(0, colon + 1) + database;
        } else {
            int slash = base.indexOf('/', authority + 2);
            replaced = (slash < 0 ? base : base.substring(0, slash)) + "/" + database;
        }
        return replaced + params;
    }

    /** The decoded value of a query parameter, or {@code null} when absent. */
    static String parameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("[&;]")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equalsIgnoreCase(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Appends {@code name=value} (URL-encoded) unless the parameter is already present. */
    static String withParameter(String url, String name, String value) {
        if (value == null || parameter(url, name) != null) {
            return url;
        }
        String sep = url.indexOf('?') < 0 ? "?" : "&";
        return url + sep + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** For logs: the password parameter, if any, is masked. */
    static String mask(String url) {
        return url == null ? null : PASSWORD.matcher(url).replaceAll("$1***");
    }
}
