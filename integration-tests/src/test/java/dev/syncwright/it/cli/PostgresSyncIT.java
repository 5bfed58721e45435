package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class PostgresSyncIT extends SyncContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    TestDatabase create(String hint) {
        return TestDatabases.postgres(hint);
    }

    /**
     * A table in a schema other than the default one: provisioned as otherschema.items next to a
     * public.items that stays out of it, then created in a new SQLite file by its plain name.
     */
    @Test
    void aTableInAnotherSchemaSyncsToANewSqliteFile() throws Exception {
        exec(server, "CREATE SCHEMA otherschema");
        exec(server, "CREATE TABLE otherschema.items (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100), qty INTEGER)");
        exec(server, "CREATE TABLE public.items (id INTEGER NOT NULL PRIMARY KEY, other_column TEXT)");
        exec(server, "INSERT INTO otherschema.items VALUES (1, 'bolt', 10), (2, 'nut', NULL), (3, 'washer', 7)");
        exec(server, "INSERT INTO public.items VALUES (99, 'not in the scope')");
        Syncwright.Result p = Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "sales", "--tables",
                "otherschema.items").succeeds();
        assertThat(p.out()).contains("otherschema.items");

        JsonNode first = json(sync("--json"));
        assertThat(first.get("localFileCreated").asBoolean()).isTrue();
        assertThat(first.get("download").get("applied").asLong()).isEqualTo(3);
        String items = "SELECT id, name, qty FROM %s ORDER BY id";
        assertThat(rows(client(), items.formatted("items"))).isEqualTo(rows(server.jdbcUrl(), items.formatted("otherschema.items")))
                .hasSize(3);

        exec(client(), "UPDATE items SET qty = 11 WHERE id = 1");
        exec(client(), "INSERT INTO items (id, name, qty) VALUES (4, 'screw', 1)");
        exec(server, "DELETE FROM otherschema.items WHERE id = 3");
        JsonNode both = json(sync("--json"));
        assertThat(both.get("upload").get("applied").asLong()).isEqualTo(2);
        assertThat(both.get("download").get("applied").asLong()).isEqualTo(1);
        assertThat(rows(client(), items.formatted("items"))).containsExactly("1|bolt|11", "2|nut|null", "4|screw|1")
                .isEqualTo(rows(server.jdbcUrl(), items.formatted("otherschema.items")));
        assertThat(rows(server.jdbcUrl(), "SELECT id FROM public.items")).containsExactly("99");

        JsonNode status = JSON.readTree(Syncwright.run("status", "--db", server.jdbcUrl(), "--scope", "sales", "--json")
                .succeeds().out()).get("tables").get(0);
        assertThat(status.get("schema").asText()).isEqualTo("otherschema");
        assertThat(status.get("drift").asBoolean()).as("status finds the table in its own schema").isFalse();
        assertThat(status.get("trackedRows").asLong()).isEqualTo(3);

        // a client could not hold otherschema.items and public.items: refused, naming both
        Syncwright.Result twins = Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "twins", "--tables",
                "otherschema.items,public.items").failsWithOneLine(Cli.CONFIGURATION);
        assertThat(twins.err()).contains("otherschema.items", "public.items", "same name");
    }

    /** A server rule refuses an uploaded row: exit 4, one line that says the next sync resumes; nothing half-applied. */
    @Test
    void failedSyncExitsFourAndTheNextSyncResumes() throws Exception {
        exec(server, "CREATE TABLE customers (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL)");
        exec(server, "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Bob')");
        Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "sales", "--tables", "customers").succeeds();
        sync().succeeds();
        exec(server, """
                CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.name = 'boom' THEN RAISE EXCEPTION 'boom refused by a server rule'; END IF; RETURN NEW; END $$""");
        exec(server, "CREATE TRIGGER refuse_boom BEFORE INSERT OR UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION refuse_boom()");
        exec(client(), "INSERT INTO customers (id, name) VALUES (3, 'Cy'), (4, 'boom')");

        Syncwright.Result failed = sync().failsWithOneLine(Cli.FAILED);
        assertThat(failed.err()).contains("scope 'sales' failed", "rolled back", "next sync resumes", "boom refused");
        Syncwright.Result failedJson = sync("--json").failsWithOneLine(Cli.FAILED);
        JsonNode error = JSON.readTree(failedJson.out()).get("error");
        assertThat(error.get("exitCode").asInt()).isEqualTo(Cli.FAILED);
        assertThat(error.get("code").asText()).isEqualTo("FAILED");
        assertThat(error.get("message").asText()).contains("boom refused", "next sync resumes");
        assertThat(rows(server.jdbcUrl(), "SELECT id FROM customers ORDER BY id")).as("the batch was rolled back")
                .containsExactly("1", "2");

        exec(server, "DROP TRIGGER refuse_boom ON customers");
        Syncwright.Result resumed = sync("--json").succeeds();
        assertThat(json(resumed).get("upload").get("sent").asLong()).isEqualTo(2);
        assertThat(rows(server.jdbcUrl(), "SELECT id, name FROM customers ORDER BY id"))
                .containsExactly("1|Ada", "2|Bob", "3|Cy", "4|boom")
                .isEqualTo(rows(client(), "SELECT id, name FROM customers ORDER BY id"));
    }
}
