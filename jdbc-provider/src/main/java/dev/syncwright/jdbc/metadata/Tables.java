package dev.syncwright.jdbc.metadata;

import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.MetadataTypes;
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

    final Dialect dialect;
    final MetadataTypes types;
    final String prefix;
    final String replica;
    final String items;
    final String fieldIndex;
    final String conflicts;

    Tables(Dialect dialect, String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            // lower case only: PostgreSQL folds, MariaDB on some systems compares table names case-insensitively
            throw new dev.syncwright.core.SyncException("Metadata table prefix '" + prefix
                    + "' is not allowed: use 1 to 40 characters a-z, 0-9 and _, starting with a letter");
        }
        this.dialect = dialect;
        this.types = dialect.metadataTypes();
        this.prefix = prefix;
        this.replica = q(prefix + "replica");
        this.items = q(prefix + "items");
        this.fieldIndex = q(prefix + "field_index");
        this.conflicts = q(prefix + "conflicts");
    }

    /** Plain (unquoted) name, for messages. */
    String name(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    String q(String column) {
        return dialect.names().quote(column);
    }

    /** An INSERT that replaces the row with the same key; the first {@code keyCount} columns are the key. */
    String upsert(String table, String[] columns, int keyCount) {
        return dialect.upsert(table, java.util.Arrays.stream(columns).map(this::q).toList(), keyCount);
    }

    String createReplica() {
        return "CREATE TABLE IF NOT EXISTS " + replica + " ("
                + q("id") + " INTEGER NOT NULL PRIMARY KEY, "
                + q("schema_version") + " INTEGER NOT NULL, "
                + q("replica_id") + " VARCHAR(36) NOT NULL, "
                + q("tick_count") + " BIGINT NOT NULL, "
                + q("knowledge") + " " + types.blobType() + " NOT NULL, "
                + q("forgotten") + " " + types.blobType() + " NOT NULL)" + types.tableOptions();
    }

    /** The other tables and their indexes, all idempotent. */
    List<String> createRest() {
        List<String> ddl = new ArrayList<>();
        boolean inline = types.inlineIndexes(); // no CREATE INDEX IF NOT EXISTS: declare indexes with the table
        ddl.add("CREATE TABLE IF NOT EXISTS " + items + " ("
                + q("item_id") + " " + types.keyType(types.maxKeyBytes()) + " NOT NULL PRIMARY KEY, "
                + q("creation_version") + " BIGINT NOT NULL, "
                + q("deletion_version") + " BIGINT, "
                + q("unit_versions") + " " + types.blobType() + ", "
                + q("local_tick") + " BIGINT NOT NULL, "
                + q("custom_fields") + " " + types.blobType()
                + (inline ? ", INDEX " + q(prefix + "items_by_tick") + " (" + q("local_tick") + ", " + q("item_id") + ")" : "")
                + ")" + types.keyedTableSuffix() + types.tableOptions());
        ddl.add("CREATE TABLE IF NOT EXISTS " + fieldIndex + " ("
                + q("field_id") + " INTEGER NOT NULL, "
                + q("value_key") + " " + types.keyType(Values.MAX_KEY + 8) + " NOT NULL, "
                + q("item_id") + " " + types.keyType(types.maxKeyBytes()) + " NOT NULL, "
                + "PRIMARY KEY (" + q("field_id") + ", " + q("value_key") + ")"
                + (inline ? ", INDEX " + q(prefix + "field_index_by_item") + " (" + q("item_id") + ")" : "")
                + ")" + types.keyedTableSuffix() + types.tableOptions());
        ddl.add("CREATE TABLE IF NOT EXISTS " + conflicts + " ("
                + q("seq") + " BIGINT NOT NULL PRIMARY KEY, "
                + q("item_id") + " " + types.keyType(types.maxKeyBytes()) + " NOT NULL, "
                + q("kind") + " VARCHAR(32) NOT NULL, "
                + q("resolution") + " VARCHAR(32), "
                + q("units") + " " + types.textType() + " NOT NULL, "
                + q("source_replica") + " VARCHAR(36), "
                + q("destination_replica") + " VARCHAR(36), "
                + q("destination_is_remote") + " SMALLINT NOT NULL, "
                + q("source_values") + " " + types.textType() + ", "
                + q("destination_values") + " " + types.textType() + ", "
                + q("detected_at_us") + " BIGINT NOT NULL, "
                + q("resolved") + " SMALLINT NOT NULL"
                + (inline ? ", INDEX " + q(prefix + "conflicts_by_item") + " (" + q("item_id") + ")" : "")
                + ")" + types.tableOptions());
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
