package dev.syncwright.dialect.postgres;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.Capabilities;
import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TickStrategy;
import dev.syncwright.dialect.TrackingSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

final class PostgresDialect implements Dialect {
    /** PostgreSQL's NAMEDATALEN - 1. */
    static final int MAX_IDENTIFIER_BYTES = 63;
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, MAX_IDENTIFIER_BYTES, false, false);

    private final DatabaseProduct product;
    private final PgNames names = new PgNames();
    private final PgSchemaReader schema = new PgSchemaReader();
    private final PgTrackingSql tracking = new PgTrackingSql(names);
    private final PgTicks ticks = new PgTicks(names);

    PostgresDialect(DatabaseProduct product) {
        this.product = product;
    }

    @Override
    public String id() {
        return "postgres";
    }

    @Override
    public DatabaseProduct product() {
        return product;
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

    /** A transaction-local setting: it ends with the transaction whatever happens, so it cannot leak. */
    @Override
    public void suppressTracking(Connection connection, boolean suppress) {
        try {
            if (connection.getAutoCommit()) {
                throw new SyncException("suppressTracking needs an open transaction (autocommit is on): "
                        + "the flag lasts for the current transaction only");
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('syncwright.suppress', ?, true)")) {
                ps.setString(1, suppress ? "on" : "off");
                ps.execute();
            }
        } catch (SQLException e) {
            throw new SqlFailure("Setting", "syncwright.suppress", e);
        }
    }
}
