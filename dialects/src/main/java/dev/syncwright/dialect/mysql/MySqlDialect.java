package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.Capabilities;
import java.util.Optional;
import org.jooq.SQLDialect;
import dev.syncwright.dialect.MetadataTables;
import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.internal.BaseDialect;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TickStrategy;
import dev.syncwright.dialect.TrackingSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * MySQL 8.0+. {@link MariaDbDialect} differs only where the servers do (JSON, atomic trigger
 * replacement, version numbering). The commit-order argument is in {@link MySqlTicks} and ADR 020.
 */
class MySqlDialect extends BaseDialect {
    /** DDL commits implicitly; no statement-level transition tables; names carry a prefix. */
    private static final Capabilities CAPABILITIES = new Capabilities(false, false, false, MySqlNames.MAX_IDENTIFIER, true, true, false);

    private final ServerVersion version;

    MySqlDialect(DatabaseProduct product, ServerVersion version) {
        this("mysql", product, version);
    }

    protected MySqlDialect(String id, DatabaseProduct product, ServerVersion version) {
        this(id, product, version, new MySqlNames());
    }

    private MySqlDialect(String id, DatabaseProduct product, ServerVersion version, MySqlNames names) {
        this(id, product, version, names, new MySqlTrackingSql(names, version.mariaDb()));
    }

    private MySqlDialect(String id, DatabaseProduct product, ServerVersion version, MySqlNames names, MySqlTrackingSql tracking) {
        super(id, product, CAPABILITIES, names, new MySqlSchemaReader(version.mariaDb()), tracking, new MySqlTicks(names, tracking),
                new Parts(new MySqlCodec(), new MySqlTypeMapping(version, product), METADATA,
                        // jOOQ's MYSQL renders the upsert with a row alias (MySQL 8.0.19+), MARIADB with VALUES()
                        version.mariaDb() ? SQLDialect.MARIADB : SQLDialect.MYSQL));
        this.version = version;
    }

    ServerVersion version() {
        return version;
    }

    /**
     * A session variable (MySQL has no transaction-local one): it outlives the transaction, so the
     * provider must switch it off before it returns the connection, as the SPI asks.
     */
    @Override
    public void suppressTracking(Connection connection, TableName table) {
        try (Statement s = connection.createStatement()) {
            s.execute("SET " + MySqlTrackingSql.SUPPRESS + " = "
                    + (table == null ? "NULL" : names().literal(names().trackingTableName(table).name())));
        } catch (SQLException e) {
            throw new SqlFailure("Setting", MySqlTrackingSql.SUPPRESS, e);
        }
    }

    /**
     * Errors that refuse a row under a general SQLState (HY000, 01000): 1265 data truncated (an ENUM or
     * SET value), 1366 incorrect value (a character the column's charset lacks), 1292 incorrect
     * date, 1364 no default, 3819 / 4025 CHECK constraint, 1526 no partition for the value, 1690 out
     * of range, 1406 data too long.
     */
    @Override
    protected boolean refusesRowByCode(SQLException e) {
        return switch (e.getErrorCode()) {
            case 1048, 1062, 1264, 1265, 1292, 1364, 1366, 1406, 1451, 1452, 1526, 1690, 3819, 4025 -> true;
            default -> false;
        };
    }

    MySqlTicks commitSafeClock() {
        return (MySqlTicks) ticks();
    }

    MySqlTrackingSql trackingSql() {
        return (MySqlTrackingSql) tracking();
    }

    // 2048 bytes keeps the (local_tick, item_id) index under InnoDB's 3072-byte key limit
    private static final MetadataTables METADATA = new MetadataTables(2048, "",
            " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", true);

    @Override
    public String family() {
        return "mysql";
    }

    /** Connector/J streams a result only with Integer.MIN_VALUE. */
    @Override
    public int streamingFetchSize(int rows) {
        return Integer.MIN_VALUE;
    }

    /** 42S02 base table not found. */
    @Override
    public boolean missingTable(SQLException e) {
        return "42S02".equals(e.getSQLState());
    }

    /** MariaDB is reached through the MySQL driver and may be reported as either. */
    @Override
    public String liquibaseDbms() {
        return "mysql,mariadb";
    }

    @Override
    public Optional<String> randomUuid() {
        return Optional.of("UUID()");
    }

    @Override
    public Optional<String> currentDatabaseCheck(String schema) {
        return Optional.of("SELECT COUNT(*) FROM DUAL WHERE DATABASE() = " + names().literal(schema));
    }

    @Override
    public Optional<dev.syncwright.dialect.RowTemplate> updateRows(String table, java.util.List<dev.syncwright.dialect.ColumnDefinition> key,
                                                                  java.util.List<dev.syncwright.dialect.ColumnDefinition> set, String alsoSet) {
        return MySqlRowUpdates.updateRows(names(), table, key, set, alsoSet);
    }
}
