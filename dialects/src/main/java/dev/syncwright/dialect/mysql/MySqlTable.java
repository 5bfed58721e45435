package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import java.util.List;
import java.util.Locale;

/**
 * A tracked table as the MySQL generator sees it: key columns with their full native definition
 * (type, character set, collation: the tracking table must compare keys exactly as the user
 * table does) and change units with their {@code sw_v} index.
 */
record MySqlTable(TableName name, List<ColumnDefinition> key, List<ColumnDefinition> units, int unitCount) {
    /** MySQL-only tracking column: 1 while the row has changes not stamped with a tick yet. */
    static final String PENDING_FLAG = "sw_pend";

    static MySqlTable of(TableDefinition t) {
        List<ColumnDefinition> key = t.primaryKey();
        if (key.isEmpty()) {
            throw new SchemaException("Table " + t.name() + " has no primary key; Syncwright tracks rows by their"
                    + " primary key, so add one or leave the table out of the scope");
        }
        for (ColumnDefinition c : key) {
            String lower = c.name().toLowerCase(Locale.ROOT);
            if (dev.syncwright.dialect.SqlNames.reserved(lower) || lower.equals(PENDING_FLAG)) {
                throw new SchemaException("Table " + t.name() + ": primary-key column " + c.name()
                        + " has a name the tracking table reserves (sw_tick, sw_pend, sw_cv, sw_dv, sw_at, sw_vN)");
            }
        }
        int count = Math.max(t.changeUnitCount(), t.changeUnits().stream().mapToInt(c -> c.changeUnit() + 1).max().orElse(0));
        return new MySqlTable(t.name(), key, t.changeUnits(), count);
    }

    /**
     * Character data is compared byte-wise: under a case- or accent-insensitive collation
     * {@code 'abc' <=> 'ABC'} is true, and such an update would go unrecorded. MySQL's native JSON
     * compares as JSON (key order and spacing do not count); MariaDB's JSON is text.
     */
    static boolean comparesAsBinary(ColumnDefinition c, boolean mariaDb) {
        String t = c.nativeType().toLowerCase(Locale.ROOT).trim();
        if (t.startsWith("json")) {
            return mariaDb;
        }
        return c.type().kind() == PortableType.Kind.TEXT || c.type().kind() == PortableType.Kind.VARCHAR
                || c.type().kind() == PortableType.Kind.CHAR || t.contains("char") || t.contains("text")
                || t.startsWith("enum") || t.startsWith("set");
    }
}
