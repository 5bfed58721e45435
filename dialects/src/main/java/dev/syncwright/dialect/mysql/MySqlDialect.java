package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.Capabilities;
import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.SqlFailure;
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
class MySqlDialect implements Dialect {
    /** DDL commits implicitly; no statement-level transition tables; names carry a prefix. */
    private static final Capabilities CAPABILITIES = new Capabilities(false, false, false, MySqlNames.MAX_IDENTIFIER, true, true);

    private final DatabaseProduct product;
    private final ServerVersion version;
    private final MySqlNames names = new MySqlNames();
    private final MySqlSchemaReader schema;
    private final MySqlTrackingSql tracking;
    private final MySqlTicks ticks;

    MySqlDialect(DatabaseProduct product, ServerVersion version) {
        this.product = product;
        this.version = version;
        this.schema = new MySqlSchemaReader(version.mariaDb());
        this.tracking = new MySqlTrackingSql(names, version.mariaDb());
        this.ticks = new MySqlTicks(names, tracking);
    }

    @Override
    public String id() {
        return "mysql";
    }

    @Override
    public DatabaseProduct product() {
        return product;
    }

    ServerVersion version() {
        return version;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public SqlNames names() {
        return names;
    }

    @Override
    public SchemaReader schema() {
        return schema;
    }

    @Override
    public TrackingSql tracking() {
        return tracking;
    }

    @Override
    public TickStrategy ticks() {
        return ticks;
    }

    /**
     * A session variable (MySQL has no transaction-local one): it outlives the transaction, so the
     * provider must switch it off before it returns the connection, as the SPI asks.
     */
    @Override
    public void suppressTracking(Connection connection, boolean suppress) {
        try (Statement s = connection.createStatement()) {
            s.execute("SET " + MySqlTrackingSql.SUPPRESS + " = " + (suppress ? "1" : "NULL"));
        } catch (SQLException e) {
            throw new SqlFailure("Setting", MySqlTrackingSql.SUPPRESS, e);
        }
    }

    MySqlTicks commitSafeClock() {
        return ticks;
    }

    MySqlTrackingSql trackingSql() {
        return tracking;
    }
}
