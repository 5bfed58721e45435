package dev.syncwright.dialect.sqlite;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.Capabilities;
import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TickStrategy;
import dev.syncwright.dialect.TrackingSql;
import dev.syncwright.dialect.internal.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

final class SqliteDialect implements Dialect {
    private static final Capabilities CAPABILITIES = new Capabilities(true, false, false, 0, true, false);

    private final DatabaseProduct product;
    private final SqliteNames names = new SqliteNames();
    private final SqliteSchemaReader schema = new SqliteSchemaReader();
    private final SqliteTrackingSql tracking = new SqliteTrackingSql(names);
    private final SqliteTicks ticks = new SqliteTicks(names);

    SqliteDialect(DatabaseProduct product) {
        this.product = product;
    }

    @Override
    public String id() {
        return "sqlite";
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

    /**
     * The flag is a row, written in the caller's transaction: a rollback undoes it, but a commit keeps
     * it, so the caller must switch it off before committing. Autocommit is refused for that reason.
     */
    @Override
    public void suppressTracking(Connection c, boolean suppress) {
        try {
            if (c.getAutoCommit()) {
                throw new SyncException("suppressTracking needs an open transaction (autocommit is on); "
                        + "switch it off again before commit");
            }
        } catch (SQLException e) {
            throw new SqlFailure("Checking the transaction of", SqliteNames.CONTEXT, e);
        }
        Jdbc.update(c, "UPDATE " + names.quote(SqliteNames.CONTEXT) + " SET suppress = ?", SqliteNames.CONTEXT, suppress ? 1 : 0);
    }
}
