package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.SyncResult;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever the server stores, every replica gets (issue 10, ADR 042): values the server's own logic
 * writes while it applies a client's change travel on, to the sender too, and then nothing more
 * travels. Written once, run per server database; each database's spelling of a mechanism comes
 * from the subclass (null: the database has no such mechanism).
 */
abstract class FidelityContract extends ReplicaHarness {

    /** items(id, name, note): a trigger of the server sets note to 'seen:' || name on every insert and update. */
    abstract String[] triggerThatRewritesARow();

    /** stamped(id, name, changed): changed is set by the database on every update (MySQL ON UPDATE), or null. */
    String[] onUpdateColumn() {
        return null;
    }

    /** filled(id, name, code NOT NULL): code has a default that only the server can compute. */
    abstract String[] serverOnlyDefault();

    /** priced(id, qty, price, total): total is generated as qty * price. */
    abstract String[] generatedColumn();

    /** orders(id, item) and audit(id, what): inserting an order writes an audit row through a trigger. */
    abstract String[] triggerThatWritesAnotherTable();

    /**
     * parent(id), child(id, parent_id ON DELETE CASCADE), kid(id, parent_id ON DELETE SET NULL), and where the
     * database has it, ward(id, parent_id DEFAULT 3 ON DELETE SET DEFAULT).
     */
    abstract String[] cascades();

    /** Whether {@link #cascades()} creates ward, with ON DELETE SET DEFAULT (InnoDB has none). */
    boolean hasSetDefault() {
        return false;
    }

    /** checked(id, qty CHECK (qty >= 0)), created without the check on the client. */
    abstract String[] serverCheck();

    // ------------------------------------------------------------------ the server's own logic during an apply

    @Test
    void valuesTheServersTriggerWritesTravelBackToTheSender() throws SQLException {
        exec(sds, triggerThatRewritesARow());
        exec(sds, "INSERT INTO items (id, name) VALUES (1, 'server')");
        provision("items");
        Client a = client();
        Client b = client();
        sync(a);
        sync(b);
        exec(a.ds(), "INSERT INTO items (id, name) VALUES (2, 'from a')");
        exec(a.ds(), "UPDATE items SET name = 'renamed by a' WHERE id = 1");
        sync(a);
        assertThat(rows(sds, "SELECT id, note FROM items ORDER BY id"))
                .containsExactly("1|seen:renamed by a", "2|seen:from a");
        sync(b);
        assertConverged(a, b);
    }

    @Test
    void columnsTheDatabaseUpdatesByItselfTravel() throws SQLException {
        assumeTrue(onUpdateColumn() != null, "no ON UPDATE columns on this database");
        exec(sds, onUpdateColumn());
        exec(sds, "INSERT INTO stamped (id, name) VALUES (1, 'one')");
        provision("stamped");
        Client a = client();
        sync(a);
        String before = rows(sds, "SELECT changed FROM stamped WHERE id = 1").get(0);
        exec(a.ds(), "UPDATE stamped SET name = 'uno' WHERE id = 1");
        sync(a);
        String after = rows(sds, "SELECT changed FROM stamped WHERE id = 1").get(0);
        assertThat(after).as("the server stamped the update").isNotEqualTo(before);
        assertConverged(a);
    }

    @Test
    void aDefaultOnlyTheServerCanComputeFillsTheRowAndComesBack() throws SQLException {
        exec(sds, serverOnlyDefault());
        provision("filled");
        Client a = client();
        sync(a);
        exec(a.ds(), "INSERT INTO filled (id, name) VALUES (1, 'no code given')");
        SyncResult r = sync(a);
        assertThat(r.upload().conflictCount()).isZero();
        assertThat(rows(sds, "SELECT code FROM filled WHERE id = 1")).singleElement().isNotEqualTo("null");
        assertConverged(a);
    }

    @Test
    void generatedColumnsTravelAndAreNeverWritten() throws SQLException {
        exec(sds, generatedColumn());
        exec(sds, "INSERT INTO priced (id, qty, price) VALUES (1, 2, 5)");
        provision("priced");
        Client a = client();
        sync(a);
        assertThat(rows(a.ds(), "SELECT total FROM priced WHERE id = 1")).containsExactly("10");
        exec(a.ds(), "UPDATE priced SET qty = 3 WHERE id = 1");
        exec(a.ds(), "INSERT INTO priced (id, qty, price, total) VALUES (2, 4, 5, 999)"); // a client value the server recomputes
        sync(a);
        assertThat(rows(sds, "SELECT id, total FROM priced ORDER BY id")).containsExactly("1|15", "2|20");
        assertConverged(a);
    }

    @Test
    void rowsATriggerWritesInAnotherTrackedTableTravel() throws SQLException {
        exec(sds, triggerThatWritesAnotherTable());
        provision("orders", "audit");
        Client a = client();
        Client b = client();
        sync(a);
        exec(a.ds(), "INSERT INTO orders (id, item) VALUES (1, 'book')");
        sync(a);
        assertThat(rows(sds, "SELECT what FROM audit")).containsExactly("order 1");
        sync(b);
        assertConverged(a, b);
    }

    @Test
    void cascadesOfTheServerTravelWhoeverDeletesTheParent() throws SQLException {
        exec(sds, cascades());
        exec(sds, "INSERT INTO parent (id) VALUES (1)", "INSERT INTO parent (id) VALUES (2)", "INSERT INTO parent (id) VALUES (3)",
                "INSERT INTO child (id, parent_id) VALUES (10, 1)", "INSERT INTO child (id, parent_id) VALUES (11, 2)",
                "INSERT INTO kid (id, parent_id) VALUES (20, 1)", "INSERT INTO kid (id, parent_id) VALUES (21, 2)");
        boolean ward = hasSetDefault();
        if (ward) {
            exec(sds, "INSERT INTO ward (id, parent_id) VALUES (30, 1)");
        }
        provision(ward ? new String[] {"parent", "child", "kid", "ward"} : new String[] {"parent", "child", "kid"});
        Client a = client();
        sync(a);
        // the server deletes a parent itself: its cascade writes child and kid rows
        exec(sds, "DELETE FROM parent WHERE id = 1");
        sync(a);
        assertThat(rows(a.ds(), "SELECT id FROM child")).containsExactly("11");
        assertThat(rows(a.ds(), "SELECT id, parent_id FROM kid ORDER BY id")).containsExactly("20|null", "21|2");
        if (ward) {
            assertThat(rows(a.ds(), "SELECT id, parent_id FROM ward")).containsExactly("30|3");
        }
        // a client deletes a parent: the server's cascade during the apply agrees with the client's own
        exec(a.ds(), "DELETE FROM parent WHERE id = 2");
        sync(a);
        assertThat(rows(sds, "SELECT id FROM child")).isEmpty();
        assertConverged(a);
    }

    // ------------------------------------------------------------------ refused rows

    @Test
    void aRowTheServerRefusesIsDeferredOnceWithItsMessageAndTheRestFlows() throws SQLException {
        exec(sds, serverCheck());
        exec(sds, "INSERT INTO checked (id, qty) VALUES (1, 1)", "INSERT INTO checked (id, qty) VALUES (2, 2)");
        provision("checked");
        Client a = client();
        sync(a);
        exec(a.ds(), "UPDATE checked SET qty = -5 WHERE id = 1"); // the server's CHECK refuses it; the client has no such check
        exec(a.ds(), "UPDATE checked SET qty = 20 WHERE id = 2");
        exec(a.ds(), "INSERT INTO checked (id, qty) VALUES (3, 3)");
        exec(sds, "INSERT INTO checked (id, qty) VALUES (4, 4)");
        for (int round = 0; round < 3; round++) {
            SyncResult r = sync(a);
            assertThat(r.upload().deferred()).as("round %d", round).isEqualTo(1);
            assertThat(r.upload().conflictsByKind()).containsEntry(ConflictKind.CONSTRAINT, 1L);
        }
        assertThat(rows(sds, "SELECT id, qty FROM checked ORDER BY id")).containsExactly("1|1", "2|20", "3|3", "4|4");
        assertThat(rows(a.ds(), "SELECT id FROM checked ORDER BY id")).containsExactly("1", "2", "3", "4");
        List<ConflictRecord> open = serverProvider.conflicts(true);
        assertThat(open).as("one entry, however many syncs met the row").singleElement().satisfies(c -> {
            assertThat(c.table()).isEqualTo(tableName("checked"));
            assertThat(c.keyJson()).isEqualTo("[1]");
            assertThat(c.message()).as("the database's own message").isNotBlank();
            assertThat(c.resolution()).as("open: not resolved").isNull();
            assertThat(c.detectedAt()).as("when, as an instant on every database")
                    .isBetween(java.time.Instant.now().minusSeconds(120), java.time.Instant.now().plusSeconds(5));
        });
        exec(a.ds(), "UPDATE checked SET qty = 5 WHERE id = 1");
        SyncResult fixed = sync(a);
        assertThat(fixed.upload().deferred()).isZero();
        assertThat(serverProvider.conflicts(true)).isEmpty();
        assertConverged(a);
    }

    // ------------------------------------------------------------------ schema changes

    /** ALTER TABLE that changes a column's type, or null where the database cannot (SQLite). */
    abstract String alterColumnType(String table, String column, String type);

    @Test
    void addedColumnsReachExistingClientsWithTheirValuesNotNullAndDefault() throws SQLException {
        exec(sds, "CREATE TABLE evo (id BIGINT PRIMARY KEY, name VARCHAR(50))", "INSERT INTO evo (id, name) VALUES (1, 'one')",
                "INSERT INTO evo (id, name) VALUES (2, 'two')");
        provision("evo");
        Client a = client();
        sync(a);
        exec(sds, "ALTER TABLE evo ADD COLUMN qty INT NOT NULL DEFAULT 7", "ALTER TABLE evo ADD COLUMN note VARCHAR(20)",
                "UPDATE evo SET note = 'set later' WHERE id = 2", "UPDATE evo SET qty = 9 WHERE id = 1");
        provision("evo");
        Client b = reopen(a);
        sync(b);
        assertThat(rows(b.ds(), "SELECT id, qty, note FROM evo ORDER BY id")).containsExactly("1|9|null", "2|7|set later");
        // the client's column says what the server's does: NOT NULL, DEFAULT 7
        exec(b.ds(), "INSERT INTO evo (id, name) VALUES (3, 'client')");
        assertThat(rows(b.ds(), "SELECT qty FROM evo WHERE id = 3")).containsExactly("7");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> exec(b.ds(), "INSERT INTO evo (id, name, qty) VALUES (4, 'x', NULL)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("NOT NULL");
        assertConverged(b);
    }

    @Test
    void aDroppedColumnLeavesTheClientsAndAChangedTypeReachesThem() throws SQLException {
        exec(sds, "CREATE TABLE evo (id BIGINT PRIMARY KEY, label VARCHAR(10), gone INT)",
                "INSERT INTO evo (id, label, gone) VALUES (1, 'short', 5)");
        provision("evo");
        Client a = client();
        sync(a);
        if (server.jdbcUrl().startsWith("jdbc:sqlite:")) {
            // SQLite checks its triggers when a column is dropped: the tracking triggers name every column
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> exec(sds, "ALTER TABLE evo DROP COLUMN gone"))
                    .hasMessageContaining("syncwright_");
            return;
        }
        exec(sds, "ALTER TABLE evo DROP COLUMN gone");
        String retype = alterColumnType("evo", "label", "VARCHAR(40)");
        if (retype != null) {
            exec(sds, retype);
        }
        provision("evo");
        a = reopen(a);
        sync(a);
        assertThat(columns(a.ds(), "evo")).containsExactly("id", "label");
        if (retype != null) {
            exec(a.ds(), "UPDATE evo SET label = 'a label longer than ten characters' WHERE id = 1");
            sync(a);
            assertThat(rows(sds, "SELECT label FROM evo")).containsExactly("a label longer than ten characters");
        }
        assertConverged(a);
    }

    @Test
    void aScopeOfTheFormerTrackingFormatIsRefusedUntilProvisionedAgainWhichKeepsItsData() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(20))", "INSERT INTO items (id, name) VALUES (1, 'one')");
        provision("items");
        Client a = client();
        sync(a);
        exec(a.ds(), "INSERT INTO items (id, name) VALUES (2, 'two')");
        // what a scope provisioned by the previous version looks like: no format in its definition, no message in its log
        String scopes = serverProvider.dialect().names().syncTable(dev.syncwright.dialect.SyncTable.SCOPES);
        String conflicts = serverProvider.dialect().names().syncTable(dev.syncwright.dialect.SyncTable.CONFLICTS);
        exec(sds, "UPDATE " + scopes + " SET definition = REPLACE(definition, ',\"format\":2', '')",
                "ALTER TABLE " + conflicts + " DROP COLUMN message");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JdbcSyncProvider.open(sds, SCOPE))
                .hasMessageContaining("older Syncwright").hasMessageContaining("syncwright provision");
        provision("items");
        assertThat(serverProvider.definition().format()).isEqualTo(dev.syncwright.tracking.ScopeDefinition.CURRENT_FORMAT);
        assertThat(serverProvider.conflicts(false)).isEmpty();
        sync(a);
        assertThat(rows(sds, "SELECT id FROM items ORDER BY id")).containsExactly("1", "2");
        assertConverged(a);
    }

    // ------------------------------------------------------------------ foreign keys

    @Test
    void aForeignKeyToATableOutsideTheScopeIsLeftOutOfTheClient() throws SQLException {
        exec(sds, "CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(50))",
                "CREATE TABLE rental (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, "
                        + "CONSTRAINT rental_customer FOREIGN KEY (customer_id) REFERENCES customer (id))",
                "INSERT INTO customer (id, name) VALUES (1, 'Ada')", "INSERT INTO rental (id, customer_id) VALUES (10, 1)");
        provision("rental");
        Client a = client();
        sync(a);
        exec(a.ds(), "INSERT INTO rental (id, customer_id) VALUES (11, 1)", "INSERT INTO rental (id, customer_id) VALUES (12, 999)");
        exec(sds, "INSERT INTO rental (id, customer_id) VALUES (13, 1)");
        SyncResult r = sync(a);
        assertThat(r.upload().deferred()).as("the server refuses a customer it does not have").isEqualTo(1);
        assertThat(serverProvider.conflicts(true)).singleElement().satisfies(c -> assertThat(c.keyJson()).isEqualTo("[12]"));
        assertThat(rows(sds, "SELECT id FROM rental ORDER BY id")).containsExactly("10", "11", "13");
        assertThat(rows(a.ds(), "SELECT id FROM rental ORDER BY id")).containsExactly("10", "11", "12", "13");
        exec(a.ds(), "DELETE FROM rental WHERE id = 12");
        assertConverged(a);
    }

    @Test
    void foreignKeyCyclesAndSelfReferencesApplyInBothDirections() throws SQLException {
        boolean sqlite = server.jdbcUrl().startsWith("jdbc:sqlite:");
        if (sqlite) {
            // SQLite cannot add a key to an existing table, but may name a table created later
            exec(sds, "CREATE TABLE a (id BIGINT PRIMARY KEY, b_id BIGINT, FOREIGN KEY (b_id) REFERENCES b (id))");
        } else {
            exec(sds, "CREATE TABLE a (id BIGINT PRIMARY KEY, b_id BIGINT)");
        }
        exec(sds, "CREATE TABLE b (id BIGINT PRIMARY KEY, a_id BIGINT, FOREIGN KEY (a_id) REFERENCES a (id))");
        if (!sqlite) {
            exec(sds, "ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id)");
        }
        exec(sds, "CREATE TABLE emp (id BIGINT PRIMARY KEY, manager_id BIGINT, name VARCHAR(20), "
                + "FOREIGN KEY (manager_id) REFERENCES emp (id))");
        provision("a", "b", "emp");
        Client c1 = client();
        Client c2 = client();
        sync(c1);
        sync(c2);
        // rows referencing each other, and employees listed before their managers
        exec(c1.ds(), "INSERT INTO a (id, b_id) VALUES (1, NULL)", "INSERT INTO b (id, a_id) VALUES (1, 1)",
                "UPDATE a SET b_id = 1 WHERE id = 1", "INSERT INTO emp (id, manager_id, name) VALUES (5, NULL, 'boss')",
                "INSERT INTO emp (id, manager_id, name) VALUES (4, 5, 'mid')", "INSERT INTO emp (id, manager_id, name) VALUES (3, 4, 'new')");
        exec(sds, "INSERT INTO a (id, b_id) VALUES (2, NULL)", "INSERT INTO b (id, a_id) VALUES (2, 2)",
                "UPDATE a SET b_id = 2 WHERE id = 2", "INSERT INTO emp (id, manager_id, name) VALUES (9, NULL, 'top')",
                "INSERT INTO emp (id, manager_id, name) VALUES (8, 9, 'under')");
        SyncResult up = sync(c1);
        assertThat(up.upload().deferred()).isZero();
        assertThat(up.download().deferred()).isZero();
        assertThat(rows(sds, "SELECT id, b_id FROM a ORDER BY id")).containsExactly("1|1", "2|2");
        assertConverged(c1);
        sync(c2);
        assertThat(c2.provider().snapshot()).isEqualTo(serverProvider.snapshot());
        // the cycle and the chain deleted on a client, in an order its own foreign keys allow
        exec(c2.ds(), "UPDATE a SET b_id = NULL WHERE id = 1", "DELETE FROM b WHERE id = 1", "DELETE FROM a WHERE id = 1",
                "DELETE FROM emp WHERE id = 3", "DELETE FROM emp WHERE id = 4", "DELETE FROM emp WHERE id = 5");
        SyncResult deletes = sync(c2);
        assertThat(deletes.upload().deferred()).isZero();
        assertThat(rows(sds, "SELECT id FROM emp ORDER BY id")).containsExactly("8", "9");
        assertConverged(c1, c2);
    }

}
