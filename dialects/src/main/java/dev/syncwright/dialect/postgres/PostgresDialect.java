package dev.syncwright.dialect.postgres;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.Capabilities;
import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.internal.BaseDialect;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TickStrategy;
import dev.syncwright.dialect.TrackingSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

final class PostgresDialect extends BaseDialect {
    /** PostgreSQL's NAMEDATALEN - 1. */
    static final int MAX_IDENTIFIER_BYTES = 63;
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, MAX_IDENTIFIER_BYTES, false, false);

    PostgresDialect(DatabaseProduct product) {
        this(product, new PgNames());
    }

    private PostgresDialect(DatabaseProduct product, PgNames names) {
        super("postgres", product, CAPABILITIES, names, new PgSchemaReader(), new PgTrackingSql(names), new PgTicks(names));
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
