package dev.syncwright.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TableName;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostgresTrackingContractTest extends TrackingContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabases.postgres("tracking_contract");
    }

    @Override
    protected String defaultSchema() {
        return "public";
    }

    @Override
    protected Set<String> catalog(Connection c) throws SQLException {
        return PgCatalog.snapshot(c);
    }

    @Test
    void typesWithATextFormAreSynchronizedAsText() throws SQLException {
        sql("CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s fine')", "CREATE DOMAIN positive AS integer CHECK (VALUE > 0)",
                "CREATE TABLE odd (id int PRIMARY KEY, span interval, tags text[], m mood, p positive, ip inet)");
        TableDefinition t = provisioner.plan(SyncScope.named("odd").tables("odd").build()).definition().orElseThrow().tables().get(0);
        assertThat(t.changeUnits()).extracting(c -> c.name() + ":" + c.type())
                .containsExactly("span:TEXT", "tags:TEXT", "m:TEXT", "p:INTEGER", "ip:TEXT");
        assertThat(t.column("m").orElseThrow().allowedValues()).containsExactly("sad", "ok", "it's fine");
    }

    @Test
    void aTableInAnotherSchemaIsTrackedThere() throws SQLException {
        sql("CREATE SCHEMA \"Other Schema\"", "CREATE TABLE \"Other Schema\".elsewhere (id int PRIMARY KEY, a text)",
                "CREATE TABLE elsewhere (id int PRIMARY KEY, a text, b text)",
                "INSERT INTO \"Other Schema\".elsewhere VALUES (1, 'x'), (2, 'y')");
        provisioner.provision(SyncScope.named("elsewhere").tables("Other Schema.elsewhere").build());
        TableStatus s = provisioner.status("elsewhere").tables().get(0);
        assertThat(s.name()).isEqualTo(new TableName("Other Schema", "elsewhere"));
        assertThat(s.trackedRows()).isEqualTo(2);
        assertThat(s.drift()).isFalse();
        long w = watermark();
        sql("UPDATE \"Other Schema\".elsewhere SET a = 'z' WHERE id = 1");
        try (Connection c = db.connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT sw_tick FROM " + dialect.names().trackingTable(s.name()) + " WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isGreaterThan(w);
        }
        assertThatThrownBy(() -> provisioner.plan(SyncScope.named("elsewhere2").tables("Other Schema.nope").build()))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("Other Schema.nope")
                .hasMessageContaining("schema 'Other Schema'");
        provisioner.deprovision("elsewhere");
    }

    /** A client creates the tables by plain name, so it could not hold both. */
    @Test
    void tablesOfTheSameNameInTwoSchemasAreRefusedNamingBoth() throws SQLException {
        sql("CREATE SCHEMA twin_a", "CREATE SCHEMA twin_b", "CREATE TABLE twin_a.twin (id int PRIMARY KEY)",
                "CREATE TABLE twin_b.twin (id int PRIMARY KEY)");
        assertThatThrownBy(() -> provisioner.plan(SyncScope.named("twins").tables("twin_a.twin", "twin_b.twin").build()))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("twin_a.twin").hasMessageContaining("twin_b.twin");
    }

    @Test
    void materializedViewsAndForeignTablesAreNamedForWhatTheyAre() throws SQLException {
        sql("CREATE MATERIALIZED VIEW mat AS SELECT 1 AS id", "CREATE FOREIGN DATA WRAPPER sw_test_fdw",
                "CREATE SERVER sw_test_server FOREIGN DATA WRAPPER sw_test_fdw",
                "CREATE FOREIGN TABLE remote_rows (id int) SERVER sw_test_server");
        assertThatThrownBy(() -> provisioner.plan(SyncScope.named("mat").tables("mat").build()))
                .isInstanceOf(SchemaException.class).hasMessageContaining("public.mat").hasMessageContaining("materialized view")
                .hasMessageContaining("only tables");
        assertThatThrownBy(() -> provisioner.plan(SyncScope.named("ft").tables("public.remote_rows").build()))
                .isInstanceOf(SchemaException.class).hasMessageContaining("remote_rows").hasMessageContaining("foreign table");
    }

    @Test
    void truncateOfATrackedTableIsRefused() throws SQLException {
        sql("CREATE TABLE trunc (id int PRIMARY KEY, a text)");
        provisioner.provision(SyncScope.named("trunc").tables("trunc").build());
        assertThatThrownBy(() -> sql("TRUNCATE trunc")).hasMessageContaining("TRUNCATE");
    }

    @Test
    void jsonColumnsAreComparedAsText() throws SQLException {
        sql("CREATE TABLE docs (id uuid PRIMARY KEY, j json, jb jsonb, n numeric(12,3), ts timestamptz)");
        sql("INSERT INTO docs VALUES ('00000000-0000-0000-0000-000000000001', '{\"a\":1}', '{\"a\":1}', 1.5, now())");
        provisioner.provision(SyncScope.named("docs").tables("docs").build());
        sql("UPDATE docs SET j = '{\"a\":1}', jb = '{\"a\": 2}'");
        TrackingRow r = tracking("docs", "id", java.util.UUID.fromString("00000000-0000-0000-0000-000000000001"));
        assertThat(r.v()).containsExactly(null, r.tick(), null, null);
    }

    @Test
    void failuresKeepSqlStateAndNameTheObject() throws SQLException {
        sql("CREATE TABLE clash (id int PRIMARY KEY)", "CREATE SCHEMA IF NOT EXISTS syncwright",
                "CREATE TABLE syncwright.\"public.clash\" (x int)");
        try {
            assertThatThrownBy(() -> provisioner.provision(SyncScope.named("clash").tables("clash").build()))
                    .isInstanceOfSatisfying(SqlFailure.class, f -> {
                        assertThat(f.sqlState()).isEqualTo("42P07");
                        assertThat(f.object()).contains("public.clash");
                    });
        } finally {
            sql("DROP TABLE syncwright.\"public.clash\"");
        }
    }
}
