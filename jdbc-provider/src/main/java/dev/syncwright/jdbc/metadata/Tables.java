package dev.syncwright.jdbc.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Names and DDL of the metadata tables for one prefix on one database. The replica table is the
 * anchor every schema version keeps (a single row, key 1, with {@code schema_version}), so that a
 * store can tell which version wrote the others before it touches them.
 */
final class Tables {
    /** The schema this code writes. Bump it together with a migration step in {@link JdbcMetadataStore}. */
    static final int SCHEMA_VERSION = 1;
    static final String DEFAULT_PREFIX = "syncwright_meta_";
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    final Flavor flavor;
    final String prefix;
    final String replica;
    final String items;
    final String fieldIndex;
    final String conflicts;

    Tables(Flavor flavor, String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            // lower case only: PostgreSQL folds, MariaDB on some systems compares table names case-insensitively
            throw new dev.syncwright.core.SyncException("Metadata table prefix '" + prefix
                    + "' is not allowed: use 1 to 40 characters a-z, 0-9 and _, starting with a letter");
        }
        this.flavor = flavor;
        this.prefix = prefix;
        this.replica = flavor.quote(prefix + "replica");
        this.items = flavor.quote(prefix + "items");
        this.fieldIndex = flavor.quote(prefix + "field_index");
        this.conflicts = flavor.quote(prefix + "conflicts");
    }

    /** Plain (unquoted) name, for messages. */
    String name(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    String q(String column) {
        return flavor.quote(column);
    }

    String createReplica() {
        return "CREATE TABLE IF NOT EXISTS " + replica + " ("
                + q("id") + " INTEGER NOT NULL PRIMARY KEY, "
                + q("schema_version") + " INTEGER NOT NULL, "
                + q("replica_id") + " VARCHAR(36) NOT NULL, "
                + q("tick_count") + " BIGINT NOT NULL, "
                + q("knowledge") + " " + flavor.blobType + " NOT NULL, "
                + q("forgotten") + " " + flavor.blobType + " NOT NULL)" + flavor.tableOptions;
    }

    /** The other tables and their indexes, all idempotent. */
    List<String> createRest() {
        List<String> ddl = new ArrayList<>();
        boolean inline = flavor == Flavor.MARIADB; // MySQL has no CREATE INDEX IF NOT EXISTS; declare indexes with the table
        ddl.add("CREATE TABLE IF NOT EXISTS " + items + " ("
                + q("item_id") + " " + flavor.keyType + " NOT NULL PRIMARY KEY, "
                + q("creation_version") + " BIGINT NOT NULL, "
                + q("deletion_version") + " BIGINT, "
                + q("unit_versions") + " " + flavor.blobType + ", "
                + q("local_tick") + " BIGINT NOT NULL, "
                + q("custom_fields") + " " + flavor.blobType
                + (inline ? ", INDEX " + q(prefix + "items_by_tick") + " (" + q("local_tick") + ", " + q("item_id") + ")" : "")
                + ")" + flavor.tableSuffix + flavor.tableOptions);
        ddl.add("CREATE TABLE IF NOT EXISTS " + fieldIndex + " ("
                + q("field_id") + " INTEGER NOT NULL, "
                + q("value_key") + " " + (flavor == Flavor.MARIADB ? "VARBINARY(" + (Values.MAX_KEY + 8) + ")" : flavor.keyType) + " NOT NULL, "
                + q("item_id") + " " + flavor.keyType + " NOT NULL, "
                + "PRIMARY KEY (" + q("field_id") + ", " + q("value_key") + ")"
                + (inline ? ", INDEX " + q(prefix + "field_index_by_item") + " (" + q("item_id") + ")" : "")
                + ")" + flavor.tableSuffix + flavor.tableOptions);
        ddl.add("CREATE TABLE IF NOT EXISTS " + conflicts + " ("
                + q("seq") + " BIGINT NOT NULL PRIMARY KEY, "
                + q("item_id") + " " + flavor.keyType + " NOT NULL, "
                + q("kind") + " VARCHAR(32) NOT NULL, "
                + q("resolution") + " VARCHAR(32), "
                + q("units") + " " + flavor.textType + " NOT NULL, "
                + q("source_replica") + " VARCHAR(36), "
                + q("destination_replica") + " VARCHAR(36), "
                + q("destination_is_remote") + " SMALLINT NOT NULL, "
                + q("source_values") + " " + flavor.textType + ", "
                + q("destination_values") + " " + flavor.textType + ", "
                + q("detected_at_us") + " BIGINT NOT NULL, "
                + q("resolved") + " SMALLINT NOT NULL"
                + (inline ? ", INDEX " + q(prefix + "conflicts_by_item") + " (" + q("item_id") + ")" : "")
                + ")" + flavor.tableOptions);
        if (!inline) {
            ddl.add("CREATE INDEX IF NOT EXISTS " + q(prefix + "items_by_tick") + " ON " + items + " (" + q("local_tick") + ", " + q("item_id") + ")");
            ddl.add("CREATE INDEX IF NOT EXISTS " + q(prefix + "field_index_by_item") + " ON " + fieldIndex + " (" + q("item_id") + ")");
            ddl.add("CREATE INDEX IF NOT EXISTS " + q(prefix + "conflicts_by_item") + " ON " + conflicts + " (" + q("item_id") + ")");
        }
        return ddl;
    }

    /** The item columns, in the order {@link JdbcMetadataStore} reads and writes them. */
    String itemColumns() {
        return q("item_id") + ", " + q("creation_version") + ", " + q("deletion_version") + ", "
                + q("unit_versions") + ", " + q("local_tick") + ", " + q("custom_fields");
    }
}
