package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.Capabilities;
import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.internal.BaseDialect;
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
class MySqlDialect extends BaseDialect {
    /** DDL commits implicitly; no statement-level transition tables; names carry a prefix. */
    private static final Capabilities CAPABILITIES = new Capabilities(false, false, false, MySqlNames.MAX_IDENTIFIER, true, true);

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
        super(id, product, CAPABILITIES, names, new MySqlSchemaReader(version.mariaDb()), tracking, new MySqlTicks(names, tracking));
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
    public void suppressTracking(Connection connection, boolean suppress) {
        try (Statement s = connection.createStatement()) {
            s.execute("SET " + MySqlTrackingSql.SUPPRESS + " = " + (suppress ? "1" : "NULL"));
        } catch (SQLException e) {
            throw new SqlFailure("Setting", MySqlTrackingSql.SUPPRESS, e);
        }
    }

    MySqlTicks commitSafeClock() {
        return (MySqlTicks) ticks();
    }

    MySqlTrackingSql trackingSql() {
        return (MySqlTrackingSql) tracking();
    }
}
