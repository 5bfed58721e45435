package dev.syncwright.jdbc.metadata;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.SqlFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The few SQL differences the metadata tables meet. Kept here rather than taken from the dialects
 * module: these six tables need only column types, quoting and an upsert, and must not move when
 * the tracking dialects change.
 */
enum Flavor {
    SQLITE("\"", "BLOB", "BLOB", "TEXT", " WITHOUT ROWID", ""),
    POSTGRES("\"", "BYTEA", "BYTEA", "TEXT", "", ""),
    // VARBINARY compares bytewise without padding (unlike BINARY), as ItemId does. 2048 bytes keeps
    // the (local_tick, item_id) index under InnoDB's 3072-byte key limit.
    MARIADB("`", "VARBINARY(2048)", "LONGBLOB", "LONGTEXT", "", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");

    /** Longest item id the key column holds (MariaDB only; the others are unbounded). */
    static final int MARIADB_MAX_ITEM_ID = 2048;

    final String quote;
    final String keyType;
    final String blobType;
    final String textType;
    final String tableSuffix;
    final String tableOptions;

    Flavor(String quote, String keyType, String blobType, String textType, String tableSuffix, String tableOptions) {
        this.quote = quote;
        this.keyType = keyType;
        this.blobType = blobType;
        this.textType = textType;
        this.tableSuffix = tableSuffix;
        this.tableOptions = tableOptions;
    }

    static Flavor of(Connection c) {
        String product;
        try {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new SqlFailure("Reading the product name of", "the metadata store's database", e);
        }
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("sqlite")) {
            return SQLITE;
        }
        if (p.contains("postgres")) {
            return POSTGRES;
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return MARIADB;
        }
        throw new SyncException("Metadata store: database '" + product
                + "' is not supported; use SQLite, PostgreSQL, MariaDB or MySQL");
    }

    String quote(String identifier) {
        return quote + identifier + quote;
    }

    /** {@code INSERT ... } that replaces the row with the same key: {@code cols} first {@code keyCount} are the key. */
    String upsert(String table, String[] cols, int keyCount) {
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(table).append(" (");
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < cols.length; i++) {
            sb.append(i > 0 ? ", " : "").append(quote(cols[i]));
            marks.append(i > 0 ? ", ?" : "?");
        }
        sb.append(") VALUES (").append(marks).append(')');
        if (this == MARIADB) {
            sb.append(" ON DUPLICATE KEY UPDATE ");
        } else {
            sb.append(" ON CONFLICT (");
            for (int i = 0; i < keyCount; i++) {
                sb.append(i > 0 ? ", " : "").append(quote(cols[i]));
            }
            sb.append(") DO UPDATE SET ");
        }
        for (int i = keyCount; i < cols.length; i++) {
            String q = quote(cols[i]);
            sb.append(i > keyCount ? ", " : "").append(q).append(" = ")
                    .append(this == MARIADB ? "VALUES(" + q + ")" : "excluded." + q);
        }
        return sb.toString();
    }
}
