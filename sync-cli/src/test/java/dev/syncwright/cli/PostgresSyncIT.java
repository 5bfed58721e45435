package dev.syncwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class PostgresSyncIT extends SyncContractIT {
    @Override
    TestDatabase create(String hint) {
        return TestDatabases.postgres(hint);
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

        Syncwright.Result failed = sync().failsWithOneLine(ExitCodes.FAILED);
        assertThat(failed.err()).contains("scope 'sales' failed", "rolled back", "next sync resumes", "boom refused");
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
