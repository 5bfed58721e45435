package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.SyncTable;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.internal.Identifiers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Identifiers for MySQL and MariaDB: backtick quoting, and the names of the objects Syncwright
 * creates. Shared sync tables live in the connection's database as {@code syncwright_<name>};
 * tracking tables and triggers live in the user table's own database (MySQL requires a trigger to
 * be in its table's schema).
 *
 * <p>Why derived names may carry a hash: identifiers are limited to 64 <em>characters</em>, and
 * trigger and table names are case-sensitive or not depending on {@code lower_case_table_names}.
 * A name that is too long, or not all lower case, gets {@code _} and 8 hex digits of the SHA-256 of
 * the exact user name, so {@code Foo} and {@code foo} never share sync objects and truncation never
 * makes two names collide.
 */
final class MySqlNames implements SqlNames {
    static final int MAX_IDENTIFIER = 64;
    static final String PREFIX = "syncwright_";
    static final String CLOCK = PREFIX + "clock";

    @Override
    public String quote(String identifier) {
        if (identifier.isEmpty()) {
            throw new IllegalArgumentException("An identifier must not be empty");
        }
        return Identifiers.quote(identifier, '`');
    }

    @Override
    public String table(TableName t) {
        return t.schema() == null ? quote(t.name()) : quote(t.schema()) + "." + quote(t.name());
    }

    /** Backslash is an escape character in MySQL string literals unless NO_BACKSLASH_ESCAPES is set. */
    @Override
    public String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public String syncTable(SyncTable table) {
        return quote(PREFIX + table.baseName());
    }

    String clock() {
        return quote(CLOCK);
    }

    @Override
    public TableName trackingTableName(TableName base) {
        return new TableName(base.schema(), derived("trk_", base.name()));
    }

    /** Trigger of {@code base} for event 'i'nsert, 'u'pdate or 'd'elete, qualified like its table. */
    String trigger(TableName base, char event) {
        return table(new TableName(base.schema(), derived("a" + event + "_", base.name())));
    }

    static String derived(String kind, String table) {
        String plain = PREFIX + kind + table;
        if (table.equals(table.toLowerCase(Locale.ROOT)) && plain.length() <= MAX_IDENTIFIER) {
            return plain;
        }
        String hash = "_" + shortHash(table);
        int keep = Math.min(plain.length(), MAX_IDENTIFIER - hash.length());
        if (Character.isHighSurrogate(plain.charAt(keep - 1))) {
            keep--; // never split a surrogate pair
        }
        return plain.substring(0, keep) + hash;
    }

    static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    @Override
    public String binaryOrder(String column, PortableType type) {
        return SqlNames.textual(type) ? "CAST(" + column + " AS BINARY)" : column;
    }

    /** MySQL's "/" is decimal division. */
    @Override
    public String integerDivision() {
        return " DIV ";
    }
}
