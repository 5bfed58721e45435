package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.ColumnDefault;
import dev.syncwright.dialect.ColumnDefault.Kind;
import dev.syncwright.dialect.PortableType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Column details from information_schema that need parsing: defaults and ENUM/SET members. */
final class MySqlColumns {
    private MySqlColumns() {
    }

    /**
     * The default of a column. MariaDB 10.2.7+ prints string literals quoted and {@code NULL} for "no
     * default" of a nullable column; MySQL prints literals unquoted and marks expression defaults
     * DEFAULT_GENERATED in EXTRA.
     */
    static ColumnDefault parseDefault(String columnDefault, String extra, boolean mariaDb, PortableType type) {
        String x = extra == null ? "" : extra.toLowerCase(Locale.ROOT);
        if (x.contains("auto_increment")) {
            return new ColumnDefault(Kind.AUTO_INCREMENT, null, "AUTO_INCREMENT");
        }
        if (columnDefault == null || (mariaDb && columnDefault.equals("NULL"))) {
            return null;
        }
        String d = columnDefault.strip();
        String lower = d.toLowerCase(Locale.ROOT);
        if (lower.startsWith("current_timestamp") || lower.startsWith("now(") || lower.equals("curdate()")
                || lower.equals("current_date") || lower.equals("curtime()") || lower.startsWith("localtimestamp")) {
            return new ColumnDefault(Kind.NOW, null, d);
        }
        String literal;
        if (mariaDb) {
            if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
                literal = unquoteMariaDb(d.substring(1, d.length() - 1));
            } else if (d.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                literal = d;
            } else {
                return new ColumnDefault(Kind.EXPRESSION, null, d);
            }
        } else if (x.contains("default_generated")) {
            return new ColumnDefault(Kind.EXPRESSION, null, d);
        } else {
            literal = columnDefault;
        }
        return switch (type.kind()) {
            case BYTES, JSON -> new ColumnDefault(Kind.EXPRESSION, null, d);
            case BOOLEAN -> new ColumnDefault(Kind.LITERAL, literal.equals("0") ? "false" : "true", d);
            default -> new ColumnDefault(Kind.LITERAL, literal, d);
        };
    }

    /** MariaDB escapes quotes as '' and backslashes as \\ inside the quoted default. */
    private static String unquoteMariaDb(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ((ch == '\'' || ch == '\\') && i + 1 < s.length() && (s.charAt(i + 1) == ch)) {
                i++;
            }
            b.append(ch);
        }
        return b.toString();
    }

    /** The members of {@code enum('a','b''c')} or {@code set(...)}, in order; null for other types. */
    static List<String> members(String columnType) {
        String t = columnType.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        int open = t.indexOf('(');
        if (!(lower.startsWith("enum(") || lower.startsWith("set(")) || !t.endsWith(")")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        String body = t.substring(open + 1, t.length() - 1);
        int i = 0;
        while (i < body.length()) {
            if (body.charAt(i) != '\'') {
                i++;
                continue;
            }
            StringBuilder m = new StringBuilder();
            i++;
            while (i < body.length()) {
                char ch = body.charAt(i);
                if (ch == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                    m.append('\'');
                    i += 2;
                } else if (ch == '\\' && i + 1 < body.length()) {
                    m.append(body.charAt(i + 1));
                    i += 2;
                } else if (ch == '\'') {
                    i++;
                    break;
                } else {
                    m.append(ch);
                    i++;
                }
            }
            out.add(m.toString());
        }
        return out;
    }
}
