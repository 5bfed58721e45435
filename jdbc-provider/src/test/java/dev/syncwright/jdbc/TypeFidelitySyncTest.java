package dev.syncwright.jdbc;

import dev.syncwright.dialect.ValueCodec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.dialect.TableDefinition;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/**
 * Values travel server → SQLite client → a second server of the same kind through real syncs, and
 * compare equal at every step (read back as canonical values: numbers with their scale, instants,
 * bytes by content).
 */
class TypeFidelitySyncTest {
    static final String PG_DDL = """
            CREATE TABLE t (id BIGINT PRIMARY KEY, i SMALLINT, j INTEGER, k BIGINT, n NUMERIC(38,10), r REAL, d DOUBLE PRECISION,
              b BOOLEAN, s TEXT, v VARCHAR(20), by BYTEA, u UUID, dt DATE, tm TIME, ts TIMESTAMP, tz TIMESTAMPTZ, js JSON, jb JSONB)""";
    static final String[] PG_ROWS = {
        "(1, -32768, -2147483648, -9223372036854775808, -9999999999999999999999999999.9999999999, -3.4028235e38, -1.7976931348623157e308,"
                + " false, '', '', '\\x', '00000000-0000-0000-0000-000000000000', '0001-01-01', '00:00:00', '1900-01-01 00:00:00',"
                + " '1970-01-01 00:00:00+14', '{}', '[]')",
        "(2, 32767, 2147483647, 9223372036854775807, 9999999999999999999999999999.9999999999, 3.4028235e38, 4.9e-324,"
                + " true, 'Grüße 😀 \"quoted\" ''single''', 'ünïcödé 20 chars ok', '\\x00ff10', 'ffffffff-ffff-ffff-ffff-ffffffffffff',"
                + " '9999-12-31', '23:59:59.999999', '2999-12-31 23:59:59.999999', '2024-02-29 23:59:59.123456-12', '{\"a\": [1, 2.50]}',"
                + " '{\"b\": null, \"a\": 1.50}')",
        "(3, NULL, NULL, NULL, 0.0000000001, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2024-06-30 12:00:00+05:45', NULL, NULL)"};

    static final String MARIA_DDL = """
            CREATE TABLE t (id BIGINT PRIMARY KEY, i SMALLINT, j INT, k BIGINT, n DECIMAL(38,10), r FLOAT, d DOUBLE,
              b BOOLEAN, s TEXT, v VARCHAR(20), bl LONGBLOB, dt DATE, tm TIME(6), ts DATETIME(6), js JSON) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""";
    static final String[] MARIA_ROWS = {
        "(1, -32768, -2147483648, -9223372036854775808, -9999999999999999999999999999.9999999999, -3.40282e38, -1.7976931348623157e308,"
                + " false, '', '', X'', '1000-01-01', '00:00:00', '1000-01-01 00:00:00', '{}')",
        "(2, 32767, 2147483647, 9223372036854775807, 9999999999999999999999999999.9999999999, 1.5, 4.9e-324,"
                + " true, 'Grüße 😀 \"quoted\" ''single''', 'ünïcödé 20 chars ok', X'00ff10', '9999-12-31', '23:59:59.999999',"
                + " '9999-12-31 23:59:59.999999', '{\"a\": [1, 2.50]}')",
        "(3, NULL, NULL, NULL, 0.0000000001, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)"};

    @Test
    void postgresToSqliteToPostgres() throws Exception {
        roundTrip(TestDatabases.postgres("fidelity_a"), TestDatabases.postgres("fidelity_b"), PG_DDL, PG_ROWS);
    }

    @Test
    void mariadbToSqliteToMariadb() throws Exception {
        roundTrip(TestDatabases.mariadb("fidelity_a"), TestDatabases.mariadb("fidelity_b"), MARIA_DDL, MARIA_ROWS);
    }

    void roundTrip(TestDatabase origin, TestDatabase target, String ddl, String[] rows) throws Exception {
        try (origin; target; TestDatabase sqlite = TestDatabases.sqlite("fidelity")) {
            exec(origin.dataSource(), ddl);
            exec(origin.dataSource(), "INSERT INTO t VALUES " + String.join(", ", rows));
            exec(target.dataSource(), ddl);
            SyncScope scope = SyncScope.named("f").tables("t").build();
            Provisioner.of(origin.dataSource()).provision(scope);
            JdbcSyncProvider from = JdbcSyncProvider.open(origin.dataSource(), "f");
            SQLiteDataSource ds = new SQLiteDataSource();
            ds.setUrl(sqlite.jdbcUrl());
            JdbcSyncProvider client = JdbcSyncProvider.openClient(ds, from);
            SyncOrchestrator.between(client, from).direction(SyncDirection.DOWNLOAD).run();
            Provisioner.of(target.dataSource()).provision(scope, client.definition());
            JdbcSyncProvider to = JdbcSyncProvider.open(target.dataSource(), "f");
            SyncOrchestrator.between(to, client).direction(SyncDirection.DOWNLOAD).run();
            List<List<Object>> original = canonical(origin.dataSource(), from.definition().tables().get(0));
            assertThat(original).hasSize(rows.length);
            assertThat(canonical(ds, client.definition().tables().get(0))).isEqualTo(original);
            assertThat(canonical(target.dataSource(), to.definition().tables().get(0))).isEqualTo(original);
        }
    }

    /** Every row as canonical values (BigDecimal keeps its scale; byte[] as a list so equals compares content). */
    static List<List<Object>> canonical(DataSource ds, TableDefinition t) throws Exception {
        ValueCodec codec = Dialects.detect(ds).codec();
        List<ColumnDefinition> cols = t.columns();
        String select = "SELECT " + String.join(", ", cols.stream().map(c -> c.type().kind().name().equals("REAL")
                ? "(" + c.name() + " + 0E0)" : c.name()).toList()) + " FROM t ORDER BY id";
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(select); ResultSet rs = p.executeQuery()) {
            if (Dialects.detect(ds).id().startsWith("m")) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET time_zone = '+00:00'");
                }
            }
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < cols.size(); i++) {
                    Object v = codec.read(rs, i + 1, cols.get(i).type());
                    row.add(v instanceof byte[] b ? toList(b) : v instanceof BigDecimal d ? d.toPlainString() : v);
                }
                out.add(row);
            }
        }
        return out;
    }

    static List<Byte> toList(byte[] b) {
        List<Byte> l = new ArrayList<>();
        for (byte x : b) {
            l.add(x);
        }
        return l;
    }

    static void exec(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @SuppressWarnings("unused")
    private static String show(Object[] a) {
        return Arrays.toString(a);
    }
}
