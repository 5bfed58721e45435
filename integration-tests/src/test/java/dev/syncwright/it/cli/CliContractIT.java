package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.dialect.UnsupportedDatabaseException;
import dev.syncwright.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands end to end, written once and run per database: the built jar in its own process
 * against a database of the test's own.
 */
abstract class CliContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    TestDatabase db;

    @TempDir
    Path dir;

    abstract TestDatabase create(String hint);

    /** The dialect id {@code status} reports. */
    abstract String dialect();

    /** The schema part of a qualified table name here: PostgreSQL's schema, the MariaDB database, SQLite's main. */
    abstract String schema() throws SQLException;

    /** Every object in the database that is not one of the user tables created here, sorted. */
    abstract List<String> foreignObjects(Connection c) throws SQLException;

    /** The URL the command gets; subclasses may move credentials out of it. */
    String url() {
        return db.jdbcUrl();
    }

    @BeforeEach
    void createDatabase() throws SQLException {
        db = create(getClass().getSimpleName());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            st.execute("CREATE TABLE orders (id INTEGER NOT NULL PRIMARY KEY, customer_id INTEGER NOT NULL, note VARCHAR(100),"
                    + " FOREIGN KEY (customer_id) REFERENCES customers (id))");
            st.execute("CREATE TABLE audit_log (at_ms BIGINT, line VARCHAR(100))");
            st.execute("INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Bob')");
            st.execute("INSERT INTO orders (id, customer_id, note) VALUES (10, 1, 'x; y')");
        }
        try {
            Dialects.detect(db.dataSource());
        } catch (UnsupportedDatabaseException e) {
            Assumptions.abort("No Syncwright dialect registered for " + db.kind() + " yet: " + e.getMessage());
        }
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void provisionTracksStatusReportsAndDeprovisionLeavesNoTrace() throws Exception {
        List<String> before = catalog();
        Syncwright.run("provision", "--db", url(), "--scope", "sales", "--tables", "customers,orders").succeeds();

        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO customers (id, name) VALUES (3, 'Cy')");
            st.execute("DELETE FROM orders WHERE id = 10");
        }
        Syncwright.Result status = Syncwright.run("status", "--db", url(), "--scope", "sales", "--json").succeeds();
        JsonNode json = JSON.readTree(status.out());
        assertThat(status.out().strip()).as("one JSON object on one line").doesNotContain("\n");
        assertThat(json.get("scope").asText()).isEqualTo("sales");
        assertThat(json.get("replicaId").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(json.get("dialect").asText()).isEqualTo(dialect());
        JsonNode tables = json.get("tables");
        assertThat(tables).hasSize(2);
        assertThat(tables.get(0).get("name").asText()).isEqualTo("customers");
        assertThat(tables.get(0).get("trackedRows").asLong()).isEqualTo(3);
        assertThat(tables.get(0).get("tombstones").asLong()).isZero();
        assertThat(tables.get(0).get("drift").asBoolean()).isFalse();
        assertThat(tables.get(1).get("name").asText()).isEqualTo("orders");
        assertThat(tables.get(1).get("trackedRows").asLong()).isZero();
        assertThat(tables.get(1).get("tombstones").asLong()).isEqualTo(1);

        Syncwright.Result text = Syncwright.run("status", "--db", url(), "--scope", "sales").succeeds();
        assertThat(text.out()).contains("sales", json.get("replicaId").asText(), "customers", "orders");

        // a second provision changes nothing
        List<String> provisioned = catalog();
        Syncwright.Result again = Syncwright.run("provision", "--db", url(), "--scope", "sales", "--tables", "customers,orders")
                .succeeds();
        assertThat(again.out()).contains("nothing to do");
        assertThat(catalog()).isEqualTo(provisioned);
        assertThat(JSON.readTree(Syncwright.run("status", "--db", url(), "--scope", "sales", "--json").succeeds().out())
                .get("replicaId").asText()).isEqualTo(json.get("replicaId").asText());

        Syncwright.run("deprovision", "--db", url(), "--scope", "sales").succeeds();
        assertThat(catalog()).isEqualTo(before);
        Syncwright.run("status", "--db", url(), "--scope", "sales").failsWithOneLine(Cli.CONFIGURATION);
    }

    @Test
    void changelogIsWrittenAndNothingApplied() {
        List<String> before = catalog();
        Path file = dir.resolve("changelog").resolve("syncwright-sales.xml");
        Syncwright.Result r = Syncwright.run("provision", "--db", url(), "--scope", "sales", "--tables", "customers,orders",
                "--changelog", file.toString()).succeeds();
        assertThat(r.out()).contains(file.toString());
        assertThat(Syncwright.readFile(file)).contains("<databaseChangeLog", "splitStatements=\"false\"",
                "syncwright:sales:v1:table:");
        assertThat(catalog()).isEqualTo(before);
    }

    @Test
    void unknownTableIsNamed() {
        Syncwright.Result r = Syncwright.run("provision", "--db", url(), "--scope", "sales", "--tables", "customers,no_such_table")
                .failsWithOneLine(Cli.CONFIGURATION);
        assertThat(r.err()).contains("no_such_table");
        assertThat(catalog()).isEqualTo(List.of());
    }

    @Test
    void tableWithoutPrimaryKeyIsNamed() {
        Syncwright.Result r = Syncwright.run("provision", "--db", url(), "--scope", "logs", "--tables", "customers,audit_log")
                .failsWithOneLine(Cli.CONFIGURATION);
        assertThat(r.err()).contains("audit_log").contains("primary key");
    }

    @Test
    void unknownScopeIsNamed() {
        Syncwright.run("provision", "--db", url(), "--scope", "sales", "--tables", "customers").succeeds();
        Syncwright.Result r = Syncwright.run("deprovision", "--db", url(), "--scope", "nope").failsWithOneLine(Cli.CONFIGURATION);
        assertThat(r.err()).contains("'nope'");
    }

    @Test
    void schemaQualifiedTablesAreProvisionedAndAnUnknownSchemaIsNamed() throws Exception {
        Syncwright.Result r = Syncwright.run("provision", "--db", url(), "--scope", "sales", "--tables",
                schema() + ".customers," + schema() + ".orders").succeeds();
        assertThat(r.out()).contains("customers", "orders");
        JsonNode status = JSON.readTree(Syncwright.run("status", "--db", url(), "--scope", "sales", "--json").succeeds().out());
        assertThat(status.get("tables")).extracting(t -> t.get("name").asText() + " " + t.get("trackedRows").asLong() + " "
                + t.get("drift").asBoolean()).containsExactly("customers 2 false", "orders 1 false");
        Syncwright.run("deprovision", "--db", url(), "--scope", "sales").succeeds();

        Syncwright.Result schema = Syncwright.run("provision", "--db", url(), "--scope", "s", "--tables", "nosuchschema.customers")
                .failsWithOneLine(Cli.CONFIGURATION);
        assertThat(schema.err()).contains("nosuchschema");
        Syncwright.Result table = Syncwright.run("provision", "--db", url(), "--scope", "s", "--tables", schema() + ".nosuchtable")
                .failsWithOneLine(Cli.CONFIGURATION);
        assertThat(table.err()).contains(schema() + ".nosuchtable");
        Syncwright.run("provision", "--db", url(), "--scope", "s", "--tables", "a.b.c").failsWithOneLine(Cli.USAGE);
        assertThat(catalog()).isEqualTo(List.of());
    }

    @Test
    void aViewIsNamedAsAView() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE VIEW customer_names AS SELECT id, name FROM customers");
        }
        List<String> before = catalog();
        Syncwright.Result r = Syncwright.run("provision", "--db", url(), "--scope", "sales", "--tables", "customers,customer_names")
                .failsWithOneLine(Cli.CONFIGURATION);
        assertThat(r.err()).contains("customer_names", "is a view", "only tables can be tracked").doesNotContain("no such table");
        assertThat(catalog()).isEqualTo(before);
    }

    /** Every database command takes --quiet: nothing on success, the error line on failure. */
    @Test
    void quietPrintsNothingOnSuccessAndStillTheError() {
        for (String[] args : new String[][] {
            {"provision", "--db", url(), "--scope", "sales", "--tables", "customers", "--quiet"},
            {"provision", "--db", url(), "--scope", "sales", "--tables", "customers", "--quiet",
                "--changelog", dir.resolve("c.xml").toString()},
            {"status", "--db", url(), "--scope", "sales", "--quiet"},
            {"deprovision", "--db", url(), "--scope", "sales", "--quiet"}}) {
            Syncwright.Result r = Syncwright.run(args).succeeds();
            assertThat(r.out() + r.err()).as(String.join(" ", args)).isEmpty();
        }
        for (String cmd : new String[] {"status", "deprovision"}) {
            Syncwright.Result r = Syncwright.run(cmd, "--db", url(), "--scope", "sales", "--quiet")
                    .failsWithOneLine(Cli.CONFIGURATION);
            assertThat(r.err()).contains("'sales'");
            assertThat(r.out()).isEmpty();
        }
    }

    /** status --json prints one error object on stdout when it fails; stderr keeps its line. */
    @Test
    void statusJsonFailureIsOneErrorObject() throws Exception {
        Syncwright.Result r = Syncwright.run("status", "--db", url(), "--scope", "nope", "--json")
                .failsWithOneLine(Cli.CONFIGURATION);
        assertThat(r.out().strip()).as("one JSON object on one line").doesNotContain("\n");
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("error").get("exitCode").asInt()).isEqualTo(Cli.CONFIGURATION);
        assertThat(json.get("error").get("code").asText()).isEqualTo("CONFIGURATION");
        assertThat(json.get("error").get("message").asText()).contains("'nope'")
                .isEqualTo(r.err().strip().substring("syncwright status: ".length()));
        assertThat(json.get("scope").asText()).isEqualTo("nope");
    }

    List<String> catalog() {
        try (Connection c = db.connect()) {
            return foreignObjects(c);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out.stream().sorted().toList();
    }
}
