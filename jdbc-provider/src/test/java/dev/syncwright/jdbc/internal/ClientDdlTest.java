package dev.syncwright.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.dialect.ForeignKey;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.UniqueConstraint;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Server → SQLite client created by ClientDdl → a second server database created by ClientDdl from
 * the SQLite definition: every value equal to the original, and each local SchemaReader reads the
 * created tables back as the same portable types, keys, foreign keys and unique constraints.
 */
class ClientDdlTest {
    private final List<TestDatabase> dbs = new ArrayList<>();
    private final List<Connection> conns = new ArrayList<>();

    @AfterEach
    void drop() throws SQLException {
        for (Connection c : conns) {
            c.close();
        }
        dbs.forEach(TestDatabase::close);
    }

    private Connection open(Supplier<TestDatabase> create) throws SQLException {
        TestDatabase db = create.get();
        dbs.add(db);
        Connection c = db.connect();
        conns.add(c);
        Dialects.detect(c).codec().prepareSession(c);
        return c;
    }

    private static final String PG_SERVER = """
            CREATE TABLE parent (id bigint PRIMARY KEY, code varchar(20) NOT NULL UNIQUE);
            CREATE TABLE kinds (id bigint PRIMARY KEY, p bigint REFERENCES parent (id), c_smallint smallint, c_int integer,
              c_bigint bigint NOT NULL, c_num numeric(38,10), c_numfree numeric, c_real real, c_double double precision,
              c_bool boolean, c_text text, c_varchar varchar(20), c_char char(5), c_bytes bytea, c_uuid uuid UNIQUE,
              c_date date, c_time time, c_ts timestamp, c_tstz timestamptz, c_json json, c_jsonb jsonb, c_ts0 timestamp(0),
              UNIQUE (c_int, c_smallint))""";

    private static final String MARIADB_SERVER = """
            CREATE TABLE parent (id bigint PRIMARY KEY, code varchar(20) NOT NULL UNIQUE);
            CREATE TABLE kinds (id bigint PRIMARY KEY, p bigint, c_smallint smallint, c_int int,
              c_bigint bigint NOT NULL, c_num decimal(38,10), c_real float, c_double double, c_bool tinyint(1),
              c_text longtext, c_varchar varchar(20), c_char char(5), c_bytes longblob, c_uuid uuid UNIQUE, c_date date,
              c_time time(6), c_ts datetime(6), c_tstz timestamp(6) NULL, c_json json, c_ts0 datetime,
              c_uint int unsigned, c_tiny tinyint, UNIQUE (c_int, c_smallint), FOREIGN KEY (p) REFERENCES parent (id))""";

    @Test
    void postgresToSqliteToPostgres() throws SQLException {
        throughSqlite(open(() -> TestDatabases.postgres("clientddl")), open(() -> TestDatabases.sqlite("clientddl")),
                open(() -> TestDatabases.postgres("clientddl_back")), PG_SERVER, null, new Values.Limits(false, false));
    }

    @Test
    void mariaDbToSqliteToMariaDb() throws SQLException {
        throughSqlite(open(() -> TestDatabases.mariadb("clientddl")), open(() -> TestDatabases.sqlite("clientddl")),
                open(() -> TestDatabases.mariadb("clientddl_back")), MARIADB_SERVER, MARIADB_SERVER, new Values.Limits(true, false));
    }

    /**
     * @param backDdl the DDL of the database the values go back into; null: ClientDdl from the SQLite
     *                definition. (MariaDB: a SQLite table cannot become a MariaDB client's table when
     *                it has a TIMESTAMPTZ, which MariaDB holds only up to 2038; so the original DDL.)
     */
    private void throughSqlite(Connection server, Connection client, Connection back, String ddl, String backDdl,
                               Values.Limits lim)
            throws SQLException {
        Dialect sd = Dialects.detect(server);
        Dialect cd = Dialects.detect(client);
        Dialect bd = Dialects.detect(back);
        execAll(server, ddl.split(";"));
        List<TableDefinition> serverDefs = read(server, sd);
        TableDefinition kinds = serverDefs.get(1);

        // edge values; the server's narrower columns get values they hold
        List<Map<String, Object>> rows = Values.edgeRows(kinds, lim);
        for (Map<String, Object> r : rows) {
            r.put("p", r.get("id").equals(1L) ? 1L : null);
            r.computeIfPresent("c_ts0", (k, v) -> ((LocalDateTime) v).withNano(0));
            r.computeIfPresent("c_uint", (k, v) -> 4294967295L);
            r.computeIfPresent("c_tiny", (k, v) -> -128L);
            if (r.get("c_bigint") == null) {
                r.put("c_bigint", 7L); // NOT NULL
            }
        }
        Values.insert(server, sd, serverDefs.get(0), sd.names().table(serverDefs.get(0).name()),
                List.of(Map.of("id", 1L, "code", "x😀")));
        Values.insert(server, sd, kinds, sd.names().table(kinds.name()), rows);
        List<Map<String, Object>> original = Values.select(server, sd, kinds, sd.names().table(kinds.name()));

        // the SQLite client, created from the server's definition
        List<String> clientDdl = ClientDdl.createTables(cd, sd, serverDefs, null);
        execAll(client, clientDdl.toArray(String[]::new));
        List<TableDefinition> clientDefs = read(client, cd);
        assertSameShape(serverDefs, clientDefs);
        copy(server, sd, client, cd, serverDefs);
        Values.assertRows("server -> SQLite", kinds, original, Values.select(client, cd, clientDefs.get(1), "\"kinds\""));

        // ... and back into a fresh server database, created from the client's definition
        if (backDdl == null) {
            execAll(back, ClientDdl.createTables(bd, cd, clientDefs, null).toArray(String[]::new));
        } else {
            refused(() -> ClientDdl.createTables(bd, cd, clientDefs, null), "'c_tstz'", "2038");
            execAll(back, backDdl.split(";"));
        }
        List<TableDefinition> backDefs = read(back, bd);
        assertSameShape(clientDefs, backDefs);
        copy(client, cd, back, bd, clientDefs);
        Values.assertRows("server -> SQLite -> server", kinds, original,
                Values.select(back, bd, backDefs.get(1), bd.names().table(backDefs.get(1).name())));

        // the client refuses what the server would refuse or round
        String q = "INSERT INTO kinds (id, c_bigint, %s) VALUES (99, 1, %s)";
        refusedByClient(client, String.format(q, "c_varchar", "'" + "x".repeat(21) + "'"));
        refusedByClient(client, String.format(q, "c_smallint", "40000"));
        refusedByClient(client, String.format(q, "c_int", "'abc'"));
        refusedByClient(client, String.format(q, "c_json", "'{nope'"));
        refusedByClient(client, String.format(q, "c_bool", "2"));
        refusedByClient(client, String.format(q, "c_ts0", "'2024-01-01 00:00:00.500000'"));
        refusedByClient(client, String.format(q, "c_uuid", "x'00'"));
        execAll(client, String.format(q, "c_ts0", "'2024-01-01 00:00:01.000000'"), "DELETE FROM kinds WHERE id = 99");
        if (lim.mysql()) {
            refusedByClient(client, String.format(q, "c_uint", "-1"));
            refusedByClient(client, String.format(q, "c_tiny", "128"));
            refusedByClient(client, String.format(q, "c_tstz", "'2040-01-01 00:00:00.000000Z'"));
            refusedByClient(client, String.format(q, "c_double", "9e999"));
        }
    }

    private static void refusedByClient(Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> execAll(c, sql), sql);
        assertTrue(e.getMessage().contains("CHECK"), e.getMessage());
    }

    private static void copy(Connection from, Dialect fd, Connection to, Dialect td, List<TableDefinition> defs) throws SQLException {
        for (TableDefinition t : defs) {
            Values.insert(to, td, t, td.names().table(new dev.syncwright.dialect.TableName(null, t.name().name())),
                    Values.select(from, fd, t, fd.names().table(t.name())));
        }
    }

    private static List<TableDefinition> read(Connection c, Dialect d) {
        return List.of(d.schema().read(c, d.schema().resolve(c, "parent").orElseThrow()),
                d.schema().read(c, d.schema().resolve(c, "kinds").orElseThrow()));
    }

    /** Same columns, portable types, nullability, primary key, foreign keys and unique constraints (names aside). */
    static void assertSameShape(List<TableDefinition> expected, List<TableDefinition> actual) {
        for (int i = 0; i < expected.size(); i++) {
            TableDefinition e = expected.get(i);
            TableDefinition a = actual.get(i);
            assertEquals(e.name().name(), a.name().name());
            assertEquals(e.columns().size(), a.columns().size(), e.name() + " columns");
            for (int j = 0; j < e.columns().size(); j++) {
                ColumnDefinition ec = e.columns().get(j);
                ColumnDefinition ac = a.columns().get(j);
                String what = e.name() + "." + ec.name() + " (" + ec.nativeType() + " -> " + ac.nativeType() + ")";
                assertEquals(ec.name(), ac.name(), what);
                assertEquals(ec.type(), ac.type(), what);
                assertEquals(ec.nullable(), ac.nullable(), what + " nullable");
                assertEquals(ec.keyPosition(), ac.keyPosition(), what + " key position");
            }
            assertEquals(e.foreignKeys().stream().map(ClientDdlTest::fk).toList(), a.foreignKeys().stream().map(ClientDdlTest::fk).toList());
            assertEquals(e.uniqueConstraints().stream().map(UniqueConstraint::columns).sorted(java.util.Comparator.comparing(Object::toString)).toList(),
                    a.uniqueConstraints().stream().map(UniqueConstraint::columns).sorted(java.util.Comparator.comparing(Object::toString)).toList(),
                    e.name() + " unique constraints");
        }
    }

    private static String fk(ForeignKey f) {
        return f.columns() + "->" + f.referenced().name() + f.referencedColumns();
    }

    static void execAll(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String x : sql) {
                if (!x.isBlank()) {
                    s.execute(x);
                }
            }
        }
    }

    // ------------------------------------------------------------------ refusals at provision time

    @Test
    void refusesWhatCannotRoundTrip() throws SQLException {
        Connection pg = open(() -> TestDatabases.postgres("clientddl_refuse"));
        Connection maria = open(() -> TestDatabases.mariadb("clientddl_refuse"));
        Connection lite = open(() -> TestDatabases.sqlite("clientddl_refuse"));
        Dialect pd = Dialects.detect(pg);
        Dialect md = Dialects.detect(maria);
        Dialect ld = Dialects.detect(lite);

        // SQLite server columns with NUMERIC affinity: digits or JSON text would be lost
        execAll(lite, "CREATE TABLE t (id INTEGER PRIMARY KEY, n NUMERIC(38,10), j JSON, small NUMERIC(10,2), ok DECIMAL_TEXT(38,10))");
        TableDefinition lt = ld.schema().read(lite, ld.schema().resolve(lite, "t").orElseThrow());
        refused(() -> ClientDdl.checkRoundTrip(ld, pd, lt), "'n'", "DECIMAL_TEXT(38,10)");
        execAll(lite, "DROP TABLE t", "CREATE TABLE t (id INTEGER PRIMARY KEY, j JSON)");
        TableDefinition lj = ld.schema().read(lite, ld.schema().resolve(lite, "t").orElseThrow());
        refused(() -> ClientDdl.checkRoundTrip(ld, pd, lj), "'j'", "JSON_TEXT");
        execAll(lite, "DROP TABLE t", "CREATE TABLE t (id INTEGER PRIMARY KEY, small NUMERIC(10,2), ok DECIMAL_TEXT(38,10), j JSON_TEXT)");
        TableDefinition lok = ld.schema().read(lite, ld.schema().resolve(lite, "t").orElseThrow());
        ClientDdl.checkRoundTrip(ld, pd, lok); // 15 digits fit a REAL; TEXT affinity keeps everything

        // MariaDB server: a character set narrower than Unicode and a bit field are held, and the client refuses what they cannot
        execAll(maria, "CREATE TABLE l1 (id int PRIMARY KEY, name varchar(10) CHARACTER SET latin1, m varchar(10) CHARACTER SET utf8mb3)",
                "CREATE TABLE b8 (id int PRIMARY KEY, flags bit(8))");
        TableDefinition l1 = md.schema().read(maria, md.schema().resolve(maria, "l1").orElseThrow());
        TableDefinition b8 = md.schema().read(maria, md.schema().resolve(maria, "b8").orElseThrow());
        execAll(lite, ClientDdl.createTable(ld, md, l1, null), ClientDdl.createTable(ld, md, b8, null));
        execAll(lite, "INSERT INTO l1 VALUES (1, 'déjà vu €', 'ü')", "INSERT INTO b8 VALUES (1, 255)");
        for (String bad : List.of("INSERT INTO l1 VALUES (2, 'łódź', NULL)", "INSERT INTO l1 VALUES (3, NULL, '\uD83D\uDE00')",
                "INSERT INTO b8 VALUES (2, 256)")) {
            SQLException x = assertThrows(SQLException.class, () -> execAll(lite, bad));
            assertTrue(x.getMessage().contains("CHECK"), x.getMessage());
        }

        // PostgreSQL server → MariaDB client: timestamptz beyond 2038, numeric without a scale, text keys
        execAll(pg, "CREATE TABLE tz (id int PRIMARY KEY, at timestamptz)", "CREATE TABLE nf (id int PRIMARY KEY, n numeric)",
                "CREATE TABLE tk (id text PRIMARY KEY)");
        TableDefinition tz = pd.schema().read(pg, pd.schema().resolve(pg, "tz").orElseThrow());
        TableDefinition nf = pd.schema().read(pg, pd.schema().resolve(pg, "nf").orElseThrow());
        TableDefinition tk = pd.schema().read(pg, pd.schema().resolve(pg, "tk").orElseThrow());
        refused(() -> ClientDdl.checkRoundTrip(pd, md, tz), "'at'", "2038");
        refused(() -> ClientDdl.createTable(md, pd, nf, null), "'n'", "NUMERIC");
        refused(() -> ClientDdl.createTable(md, pd, tk, null), "'id'", "key");
        ClientDdl.checkRoundTrip(pd, ld, tz); // all fine on SQLite
        ClientDdl.checkRoundTrip(pd, ld, nf);
        ClientDdl.checkRoundTrip(pd, ld, tk);

        // an existing client table: judged by what its declared types' affinity does to the server's values
        execAll(pg, "CREATE TABLE m (id int PRIMARY KEY, at timestamptz, code text, amount numeric(19,4))");
        execAll(lite, "CREATE TABLE m (id INT PRIMARY KEY, at TIMESTAMP, code INT, amount NUMERIC(19,4))");
        TableDefinition ms = pd.schema().read(pg, pd.schema().resolve(pg, "m").orElseThrow());
        TableDefinition mc = ld.schema().read(lite, ld.schema().resolve(lite, "m").orElseThrow());
        assertEquals(null, ld.schema().cannotHold(mc.column("at").orElseThrow(), ms.column("at").orElseThrow()),
                "a date-time text never looks like a number: NUMERIC affinity keeps it as written");
        assertTrue(ld.schema().cannotHold(mc.column("code").orElseThrow(), ms.column("code").orElseThrow()).contains("'007' into 7"));
        assertTrue(ld.schema().cannotHold(mc.column("amount").orElseThrow(), ms.column("amount").orElseThrow())
                .contains("DECIMAL_TEXT(19,4)"));
    }

    private static void refused(org.junit.jupiter.api.function.Executable e, String... mentions) {
        SyncException x = assertThrows(SyncException.class, e);
        for (String m : mentions) {
            assertTrue(x.getMessage().contains(m), "'" + m + "' not in: " + x.getMessage());
        }
    }

    /** ClientDdl for PostgreSQL and MariaDB clients reads back as the same portable types too. */
    @Test
    void serverTypesReadBackOnEveryClientFamily() throws SQLException {
        Connection pg = open(() -> TestDatabases.postgres("clientddl_families"));
        Connection maria = open(() -> TestDatabases.mariadb("clientddl_families"));
        Connection pg2 = open(() -> TestDatabases.postgres("clientddl_families2"));
        Connection maria2 = open(() -> TestDatabases.mariadb("clientddl_families2"));
        Dialect pd = Dialects.detect(pg);
        Dialect md = Dialects.detect(maria);
        execAll(maria, MARIADB_SERVER.split(";"));
        List<TableDefinition> fromMaria = read(maria, md);
        execAll(pg2, ClientDdl.createTables(pd, md, fromMaria, null).toArray(String[]::new));
        assertSameShape(fromMaria, read(pg2, pd));

        execAll(pg, PG_SERVER.replace("c_numfree numeric,", "").replace("timestamptz,", "timestamp,").split(";"));
        List<TableDefinition> fromPg = read(pg, pd);
        execAll(maria2, ClientDdl.createTables(md, pd, fromPg, null).toArray(String[]::new));
        assertSameShape(fromPg, read(maria2, md));
        // a MariaDB client of a MariaDB tinyint column keeps its range
        assertTrue(String.join("\n", ClientDdl.createTables(pd, md, fromMaria, null)).contains("\"c_tiny\" smallint CHECK (\"c_tiny\" BETWEEN -128 AND 127)"));
        assertEquals(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).getOffset(), ZoneOffset.UTC);
    }
}
