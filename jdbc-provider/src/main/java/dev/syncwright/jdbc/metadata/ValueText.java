package dev.syncwright.jdbc.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * An array of values as readable text (the conflict log's value columns): a JSON array whose
 * elements are {@code null} or {@link Values#toText tagged strings}, e.g. {@code ["s:Ann","l:42",null]}.
 * Control characters and unpaired surrogates are escaped, so any Java string survives a text
 * column on every database (PostgreSQL refuses NUL in text; UTF-8 cannot hold a lone surrogate).
 */
final class ValueText {
    private ValueText() {
    }

    /** Encodes; {@code what} names the array in the error (e.g. "source value 2 of the conflict on item 0a"). */
    static String encode(Object[] values, java.util.function.IntFunction<String> what) {
        if (values == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String t;
            try {
                t = Values.toText(values[i]);
            } catch (Values.Unsupported e) {
                throw new UnsupportedValueException(what.apply(i) + ": " + e.getMessage());
            }
            if (t == null) {
                sb.append("null");
            } else {
                quote(sb, t);
            }
        }
        return sb.append(']').toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isHighSurrogate(c) ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || lone) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    /** Decodes {@link #encode} output; anything else is an {@link IllegalArgumentException}. */
    static Object[] decode(String text) {
        if (text == null) {
            return null;
        }
        Parser p = new Parser(text);
        return p.array();
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Object[] array() {
            expect('[');
            List<Object> out = new ArrayList<>();
            if (peek() == ']') {
                pos++;
            } else {
                while (true) {
                    if (s.startsWith("null", pos)) {
                        pos += 4;
                        out.add(null);
                    } else {
                        out.add(Values.fromText(string()));
                    }
                    char c = next();
                    if (c == ']') {
                        break;
                    }
                    if (c != ',') {
                        throw error("',' or ']'");
                    }
                }
            }
            if (pos != s.length()) {
                throw error("end of text");
            }
            return out.toArray();
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                if (e == 'u') {
                    if (pos + 4 > s.length()) {
                        throw error("four hex digits");
                    }
                    sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                } else if (e == '"' || e == '\\') {
                    sb.append(e);
                } else {
                    throw error("an escape");
                }
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("more text");
            }
            return s.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("'" + c + "'");
            }
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("expected " + expected + " at offset " + pos + " of '" + Values.abbreviate(s) + "'");
        }
    }
}
