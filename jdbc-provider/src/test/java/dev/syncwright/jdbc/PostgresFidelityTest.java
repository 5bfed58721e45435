package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncResult;
import dev.syncwright.dialect.SchemaException;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresFidelityTest extends FidelityContract {
    @Override
    TestDatabase createServer(String hint) {
        return capture() == null ? TestDatabases.postgres(hint) : TestDatabases.postgresLogical(hint);
    }

    @Override
    String[] triggerThatRewritesARow() {
        return new String[] {"CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, note text)",
            "CREATE FUNCTION seen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := 'seen:' || NEW.name; RETURN NEW; END $$",
            "CREATE TRIGGER items_seen BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION seen()"};
    }

    @Override
    String[] serverOnlyDefault() {
        return new String[] {"CREATE TABLE filled (id bigint PRIMARY KEY, name text, code text NOT NULL DEFAULT md5(random()::text))"};
    }

    @Override
    String[] generatedColumn() {
        return new String[] {"CREATE TABLE priced (id bigint PRIMARY KEY, qty int NOT NULL, price int NOT NULL, "
                + "total int GENERATED ALWAYS AS (qty * price) STORED)"};
    }

    @Override
    String[] triggerThatWritesAnotherTable() {
        return new String[] {"CREATE TABLE orders (id bigint PRIMARY KEY, item text)",
            "CREATE TABLE audit (id serial PRIMARY KEY, what text)",
            "CREATE FUNCTION audited() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "INSERT INTO audit (what) VALUES ('order ' || NEW.id); RETURN NULL; END $$",
            "CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audited()"};
    }

    @Override
    String[] cascades() {
        return new String[] {"CREATE TABLE parent (id bigint PRIMARY KEY)",
            "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent (id) ON DELETE CASCADE)",
            "CREATE TABLE kid (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent (id) ON DELETE SET NULL)",
            "CREATE TABLE ward (id bigint PRIMARY KEY, parent_id bigint DEFAULT 3 REFERENCES parent (id) ON DELETE SET DEFAULT)"};
    }

    @Override
    boolean hasSetDefault() {
        return true;
    }

    @Override
    String alterColumnType(String table, String column, String type) {
        return "ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE " + type;
    }

    @Override
    String[] serverCheck() {
        return new String[] {"CREATE TABLE checked (id bigint PRIMARY KEY, qty int CONSTRAINT qty_not_negative CHECK (qty >= 0))"};
    }

    @Test
    void rowsWrittenStraightIntoAPartitionAreTrackedPresentAndFuturePartitionsAlike() throws SQLException {
        exec(sds, "CREATE TABLE events (id bigint, region text, v text, PRIMARY KEY (id, region)) PARTITION BY LIST (region)",
                "CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu')",
                "INSERT INTO events VALUES (1, 'eu', 'through the parent')");
        provision("events");
        Client a = client();
        sync(a);
        exec(sds, "INSERT INTO events_eu VALUES (2, 'eu', 'straight into the partition')",
                "CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us')",
                "INSERT INTO events_us VALUES (3, 'us', 'into a partition created later')",
                "UPDATE events_eu SET v = 'changed in the partition' WHERE id = 1");
        sync(a);
        assertThat(rows(a.ds(), "SELECT id, v FROM events ORDER BY id"))
                .containsExactly("1|changed in the partition", "2|straight into the partition", "3|into a partition created later");
        // a row with no partition to hold it is refused by the server, deferred, and the rest flows
        exec(a.ds(), "INSERT INTO events (id, region, v) VALUES (4, 'asia', 'nowhere to go')",
                "INSERT INTO events (id, region, v) VALUES (5, 'us', 'fine')");
        SyncResult r = sync(a);
        assertThat(r.upload().deferred()).isEqualTo(1);
        assertThat(serverProvider.conflicts(true)).singleElement().satisfies(c -> assertThat(c.message()).contains("partition"));
        exec(a.ds(), "DELETE FROM events WHERE id = 4");
        assertConverged(a);
        // a partition named in a scope is refused, naming the table to name instead
        assertThatThrownBy(() -> Provisioner.of(sds).provision(SyncScope.named("part").tables("events_eu").build()))
                .isInstanceOf(SchemaException.class).hasMessageContaining("events_eu is a partition of public.events");
    }

    @Test
    void typesWithATextFormRoundTripAndWhatTheServerRewritesComesBack() throws SQLException {
        exec(sds, "CREATE EXTENSION IF NOT EXISTS citext",
                "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE DOMAIN positive AS integer CHECK (VALUE > 0)",
                "CREATE TABLE typed (id bigint PRIMARY KEY, m mood, p positive, tags text[], span interval, ci citext, "
                        + "ip inet, net cidr, doc tsvector, j jsonb)",
                "INSERT INTO typed VALUES (1, 'ok', 5, '{a,\"b c\"}', '1 day 02:00:00', 'MiXeD', '10.0.0.1', '10.0.0.0/8', "
                        + "'fat cat', '{\"b\": 1, \"a\": [1, 2]}')");
        provision("typed");
        Client a = client();
        sync(a);
        assertThat(rows(a.ds(), "SELECT m, p, tags, span, ci, ip, net FROM typed"))
                .containsExactly("ok|5|{a,\"b c\"}|1 day 02:00:00|MiXeD|10.0.0.1|10.0.0.0/8");
        // the client refuses a label the enum does not have
        assertThatThrownBy(() -> exec(a.ds(), "UPDATE typed SET m = 'angry' WHERE id = 1")).isInstanceOf(SQLException.class)
                .hasMessageContaining("CHECK");
        // values in a spelling of the client's: the server stores its own, and that comes back
        exec(a.ds(), "INSERT INTO typed (id, m, p, tags, span, ci, ip, net, doc, j) VALUES (2, 'happy', 7, '{ x , y }', "
                + "'90 minutes', 'ABC', '192.168.0.1/32', '192.168.0.0/16', 'the fat rats', '{\"z\":0,  \"a\":1}')");
        sync(a);
        assertThat(rows(sds, "SELECT tags::text, span::text FROM typed WHERE id = 2")).containsExactly("{x,y}|01:30:00");
        assertThat(rows(a.ds(), "SELECT tags, span, ip, j FROM typed WHERE id = 2"))
                .containsExactly("{x,y}|01:30:00|192.168.0.1|{\"a\": 1, \"z\": 0}");
        // the domain's CHECK stays on the server: a value it refuses is deferred with its message
        exec(a.ds(), "UPDATE typed SET p = -1 WHERE id = 2");
        SyncResult r = sync(a);
        assertThat(r.upload().deferred()).isEqualTo(1);
        assertThat(serverProvider.conflicts(true)).singleElement().satisfies(c -> assertThat(c.message()).contains("positive"));
        exec(a.ds(), "UPDATE typed SET p = 3 WHERE id = 2");
        assertConverged(a);
    }

    @Test
    void keysInsertedOnClientsMoveTheServersSequencesForward() throws SQLException {
        exec(sds, "CREATE TABLE serial_keyed (id serial PRIMARY KEY, v text)",
                "CREATE TABLE identity_keyed (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text)",
                "INSERT INTO serial_keyed (v) VALUES ('server 1')", "INSERT INTO identity_keyed (v) VALUES ('server 1')");
        provision("serial_keyed", "identity_keyed");
        Client a = client();
        sync(a);
        exec(a.ds(), "INSERT INTO serial_keyed (id, v) VALUES (50, 'client')", "INSERT INTO identity_keyed (id, v) VALUES (70, 'client')");
        sync(a);
        // the server's application inserts without a key: the sequences are past the clients' keys
        exec(sds, "INSERT INTO serial_keyed (v) VALUES ('server 2')", "INSERT INTO identity_keyed (v) VALUES ('server 2')");
        assertThat(rows(sds, "SELECT id FROM serial_keyed WHERE v = 'server 2'")).containsExactly("51");
        assertThat(rows(sds, "SELECT id FROM identity_keyed WHERE v = 'server 2'")).containsExactly("71");
        assertConverged(a);
    }

    @Test
    void existingClientTablesHoldTheServersValuesExactlyOrAreRefusedByNameBeforeAnythingIsWritten() throws SQLException {
        exec(sds, "CREATE TABLE things (id uuid PRIMARY KEY, amount numeric(19,4), ratio real, label text)",
                "INSERT INTO things VALUES ('6f1c2a3e-0000-4000-8000-000000000001', 12.5, 0.25, '007')");
        provision("things");
        // a decimal SQLite would keep as a float, text SQLite would turn into a number: both named at once
        assertThatThrownBy(() -> existingClient(
                "CREATE TABLE things (id TEXT PRIMARY KEY, amount NUMERIC(19,4), ratio REAL, label INT)"))
                .hasMessageContaining("things.amount").hasMessageContaining("DECIMAL_TEXT(19,4)")
                .hasMessageContaining("things.label").hasMessageContaining("'007' into 7");
        Client refused = new Client(clientDbs.get(clientDbs.size() - 1).dataSource(), null);
        assertThat(rows(refused.ds(), "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'syncwright%'")).containsExactly("0");
        // a UUID and a decimal kept as text are held exactly
        Client a = existingClient("CREATE TABLE things (id TEXT PRIMARY KEY, amount TEXT, ratio REAL, label TEXT)");
        sync(a);
        assertThat(rows(a.ds(), "SELECT id, amount, label FROM things")).containsExactly("6f1c2a3e-0000-4000-8000-000000000001|12.5|007");
        exec(a.ds(), "UPDATE things SET amount = '123456789012345.6789'");
        sync(a);
        assertThat(rows(sds, "SELECT amount::text FROM things")).containsExactly("123456789012345.6789");
        // no CHECK in this table: a double beyond float4's range is withheld by the client, reported, and the rest flows
        exec(a.ds(), "UPDATE things SET ratio = 1e300",
                "INSERT INTO things (id, amount, ratio, label) VALUES ('6f1c2a3e-0000-4000-8000-000000000002', '1', 1.5, 'x')");
        SyncResult r = sync(a);
        assertThat(r.upload().deferred()).isEqualTo(1);
        assertThat(rows(sds, "SELECT ratio::text FROM things ORDER BY id")).containsExactly("0.25", "1.5");
        assertThat(serverProvider.conflicts(true)).singleElement().satisfies(c -> assertThat(c.message()).contains("4-byte float"));
        exec(a.ds(), "UPDATE things SET ratio = 0.5 WHERE ratio > 1e100");
        assertConverged(a);
    }

    @Test
    void aClientCreatedFromTheServerRefusesAFloatBeyondFloat4() throws SQLException {
        exec(sds, "CREATE TABLE ratios (id bigint PRIMARY KEY, r real)");
        provision("ratios");
        Client a = client();
        sync(a);
        assertThatThrownBy(() -> exec(a.ds(), "INSERT INTO ratios VALUES (1, 1e300)")).hasMessageContaining("CHECK");
        exec(a.ds(), "INSERT INTO ratios VALUES (2, 3.0e38)", "INSERT INTO ratios VALUES (3, 9e999)");
        assertConverged(a);
    }

    @Test
    void textWithU0000FromAClientTableWithoutChecksIsDeferred() throws SQLException {
        exec(sds, "CREATE TABLE notes (id bigint PRIMARY KEY, body text)");
        provision("notes");
        Client a = existingClient("CREATE TABLE notes (id BIGINT NOT NULL PRIMARY KEY, body TEXT)");
        sync(a);
        exec(a.ds(), "INSERT INTO notes VALUES (1, 'a' || char(0) || 'b')", "INSERT INTO notes VALUES (2, 'fine')");
        SyncResult r = sync(a);
        assertThat(r.upload().deferred()).isEqualTo(1);
        assertThat(rows(sds, "SELECT id FROM notes")).containsExactly("2");
        assertThat(serverProvider.conflicts(true)).singleElement().satisfies(c -> assertThat(c.message()).contains("U+0000"));
    }
}
