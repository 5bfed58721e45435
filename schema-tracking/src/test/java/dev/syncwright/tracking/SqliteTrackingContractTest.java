package dev.syncwright.tracking;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.dialect.SchemaException;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqliteTrackingContractTest extends TrackingContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabases.sqlite("tracking_contract");
    }

    @Override
    protected String defaultSchema() {
        return null;
    }

    @Override
    protected Set<String> catalog(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** SQLite cannot add a constraint to an existing table: recreate it with the key. */
    @Override
    protected void addForeignKey(String table, String column, String parent) throws SQLException {
        sql("DROP TABLE " + q(table), "CREATE TABLE " + q(table) + " (" + q("id") + " INTEGER NOT NULL PRIMARY KEY, " + q(column)
                + " INTEGER REFERENCES " + q(parent) + " (" + q("id") + "))");
    }

    @Test
    void untypedColumnsAreRefusedWithTableAndColumn() throws SQLException {
        sql("CREATE TABLE odd (id INTEGER PRIMARY KEY, anything)");
        assertThatThrownBy(() -> provisioner.plan(SyncScope.named("odd").tables("odd").build()))
                .isInstanceOf(SchemaException.class).hasMessageContaining("odd.anything").hasMessageContaining("no declared type");
    }
}
