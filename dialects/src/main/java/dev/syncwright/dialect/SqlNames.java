package dev.syncwright.dialect;

/**
 * Identifier quoting, literals and the names of sync objects. Every identifier Syncwright writes into
 * SQL goes through {@link #quote}; names derived from user tables survive any hostile name and the
 * database's identifier length limit (truncated with a short hash).
 */
public interface SqlNames {

    /** Tracking-table column names; {@code sw_v<i>} is the version of change unit i. */
    String TICK = "sw_tick";
    String CREATION_VERSION = "sw_cv";
    String DELETE_VERSION = "sw_dv";
    String CHANGED_AT = "sw_at";

    /**
     * A version not yet stamped (MySQL/MariaDB triggers write it; {@code safeWatermark} replaces it).
     * Readers skip change units with a version below 0, and rows whose sw_cv or sw_dv is below 0.
     */
    long PENDING_VERSION = -1;

    /**
     * The collation that only the provider's connections know while a new client bulk loads (ADR 063):
     * an empty partial index over a key column with it makes every other connection's INSERT, REPLACE,
     * DELETE and key UPDATE of the table fail to prepare ("no such collation sequence"), at no cost per
     * row. Its name is the message the application sees.
     */
    String BULK_LOAD_GUARD = "syncwright_first_download_running";

    static String changeUnitColumn(int index) {
        return "sw_v" + index;
    }

    /** Whether a user column name would collide with a tracking column. */
    static boolean reserved(String column) {
        return column.equals(TICK) || column.equals(CREATION_VERSION) || column.equals(DELETE_VERSION)
                || column.equals(CHANGED_AT) || column.equals("sw_pend") || column.matches("sw_v[0-9]+");
    }

    /** Quotes one identifier (doubling embedded quote characters). */
    String quote(String identifier);

    /** The quoted, schema-qualified name of a user table. */
    String table(TableName table);

    /** A string literal, escaped for this database. */
    String literal(String value);

    /** The quoted name of a shared sync table. */
    String syncTable(SyncTable table);

    /** The tracking table of a user table, unquoted (for catalogs and messages). */
    TableName trackingTableName(TableName base);

    /** The tracking table of a user table, quoted and qualified. */
    default String trackingTable(TableName base) {
        return table(trackingTableName(base));
    }
    /** The operator of integer division, with spaces (" / ", MySQL's " DIV ": its "/" is decimal). */
    default String integerDivision() {
        return " / ";
    }

    /**
     * An ORDER BY term that sorts {@code column} of type {@code type} as its bytes sort (the key codec's
     * order): text under a binary collation.
     */
    String binaryOrder(String column, PortableType type);

    /** Whether values of {@code type} are text in SQL (and need a binary collation to sort as bytes). */
    static boolean textual(PortableType type) {
        return switch (type.kind()) {
            case TEXT, VARCHAR, CHAR, UUID -> true;
            default -> false;
        };
    }
}
