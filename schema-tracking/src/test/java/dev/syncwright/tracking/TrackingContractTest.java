package dev.syncwright.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.TableDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dialect contract, written once: each dialect subclasses it (see {@link ContractSupport}).
 * Tables are created with portable SQL (INTEGER, VARCHAR, NUMERIC) and the dialect's quoting; each
 * test uses its own table and scope so that one database serves the whole class.
 */
public abstract class TrackingContractTest extends ContractSupport {

    private String createItems(String name) throws SQLException {
        sql("CREATE TABLE " + q(name) + " (" + q("id") + " INTEGER NOT NULL PRIMARY KEY, " + q("a") + " VARCHAR(50), "
                + q("b") + " INTEGER)");
        return name;
    }

    private void provision(String scope, String... tables) {
        provisioner.provision(SyncScope.named(scope).tables(tables).build());
    }

    @Test
    void provisionBackfillsEveryExistingRowWithOneCreationVersion() throws SQLException {
        String t = createItems("backfill");
        sql("INSERT INTO " + q(t) + " VALUES (1, 'x', 1)", "INSERT INTO " + q(t) + " VALUES (2, 'y', 2)",
                "INSERT INTO " + q(t) + " VALUES (3, NULL, NULL)");
        provision("backfill", t);

        ScopeStatus status = provisioner.status("backfill");
        assertThat(status.tables()).singleElement().satisfies(s -> {
            assertThat(s.trackedRows()).isEqualTo(3);
            assertThat(s.tombstones()).isZero();
            assertThat(s.drift()).isFalse();
        });
        assertThat(status.dialect()).isEqualTo(dialect.id());
        assertThat(status.replicaId()).hasSize(36);
        TrackingRow r1 = tracking(t, "id", 1);
        assertThat(r1.tick()).isEqualTo(r1.cv());
        assertThat(r1.dv()).isNull();
        assertThat(r1.v()).containsExactly(null, null);
        assertThat(tracking(t, "id", 3)).isEqualTo(r1);
    }

    @Test
    void provisioningTwiceIsANoOp() throws SQLException {
        String t = createItems("twice");
        provision("twice", t);
        ProvisioningPlan again = provisioner.plan(SyncScope.named("twice").tables(t).build());
        assertThat(again.isEmpty()).as(again.toSql()).isTrue();
        provision("twice", t);
        assertThat(provisioner.definition("twice")).get().extracting(ScopeDefinition::version).isEqualTo(1);
    }

    @Test
    void insertUpdateDeleteAndReinsertLeaveExactlyTheExpectedVersions() throws SQLException {
        String t = createItems("lifecycle");
        provision("lifecycle", t);

        long w0 = watermark();
        sql("INSERT INTO " + q(t) + " VALUES (1, 'x', 1)");
        TrackingRow inserted = tracking(t, "id", 1);
        assertThat(inserted.tick()).isGreaterThan(w0);
        assertThat(inserted.cv()).isEqualTo(inserted.tick());
        assertThat(inserted.dv()).isNull();
        assertThat(inserted.v()).containsExactly(null, null);

        long w1 = watermark();
        sql("UPDATE " + q(t) + " SET " + q("a") + " = 'changed' WHERE " + q("id") + " = 1");
        TrackingRow updated = tracking(t, "id", 1);
        assertThat(updated.tick()).isGreaterThan(w1);
        assertThat(updated.cv()).isEqualTo(inserted.cv());
        assertThat(updated.v()).containsExactly(updated.tick(), null);

        watermark();
        sql("UPDATE " + q(t) + " SET " + q("a") + " = 'changed', " + q("b") + " = 1 WHERE " + q("id") + " = 1");
        assertThat(tracking(t, "id", 1)).as("an update to the same values changes nothing").isEqualTo(updated);

        long w2 = watermark();
        sql("UPDATE " + q(t) + " SET " + q("b") + " = NULL WHERE " + q("id") + " = 1");
        TrackingRow toNull = tracking(t, "id", 1);
        assertThat(toNull.tick()).isGreaterThan(w2);
        assertThat(toNull.v()).containsExactly(updated.tick(), toNull.tick());

        long w3 = watermark();
        sql("DELETE FROM " + q(t) + " WHERE " + q("id") + " = 1");
        TrackingRow deleted = tracking(t, "id", 1);
        assertThat(deleted.tick()).isGreaterThan(w3);
        assertThat(deleted.dv()).isEqualTo(deleted.tick());
        assertThat(deleted.cv()).isEqualTo(inserted.cv());
        assertThat(deleted.v()).as("versions are kept on the tombstone").containsExactly(updated.tick(), toNull.tick());
        assertThat(provisioner.status("lifecycle").tables().get(0).tombstones()).isEqualTo(1);

        long w4 = watermark();
        sql("INSERT INTO " + q(t) + " VALUES (1, 'again', 2)");
        TrackingRow reinserted = tracking(t, "id", 1);
        assertThat(reinserted.tick()).isGreaterThan(w4);
        assertThat(reinserted.cv()).as("a new incarnation").isEqualTo(reinserted.tick());
        assertThat(reinserted.dv()).isNull();
        assertThat(reinserted.v()).containsExactly(null, null);
    }

    @Test
    void updatingAKeyIsADeleteAndAnInsert() throws SQLException {
        String t = createItems("rekey");
        sql("INSERT INTO " + q(t) + " VALUES (1, 'x', 1)");
        provision("rekey", t);
        long w = watermark();
        sql("UPDATE " + q(t) + " SET " + q("id") + " = 10 WHERE " + q("id") + " = 1");
        TrackingRow old = tracking(t, "id", 1);
        TrackingRow fresh = tracking(t, "id", 10);
        assertThat(old.dv()).isNotNull().isGreaterThan(w);
        assertThat(fresh.dv()).isNull();
        assertThat(fresh.cv()).isEqualTo(fresh.tick()).isGreaterThan(w);
        assertThat(fresh.v()).containsExactly(null, null);
    }

    @Test
    void bulkStatementsTrackEveryRow() throws SQLException {
        String t = createItems("bulk");
        provision("bulk", t);
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            values.append(i == 1 ? "" : ", ").append("(").append(i).append(", 'v', ").append(i % 7).append(")");
        }
        sql("INSERT INTO " + q(t) + " VALUES " + values);
        sql("UPDATE " + q(t) + " SET " + q("b") + " = 0 WHERE " + q("id") + " <= 250");
        sql("DELETE FROM " + q(t) + " WHERE " + q("id") + " > 400");
        TableStatus s = provisioner.status("bulk").tables().get(0);
        assertThat(s.trackedRows()).isEqualTo(400);
        assertThat(s.tombstones()).isEqualTo(100);
        assertThat(tracking(t, "id", 7).v()[1]).as("7 % 7 was already 0").isNull();
        assertThat(tracking(t, "id", 8).v()[1]).isNotNull();
    }

    @Test
    void suppressedWritesLeaveNoLocalChange() throws SQLException {
        String t = createItems("suppress");
        provision("suppress", t);
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            dialect.suppressTracking(c, dialect.schema().resolve(c, t).orElseThrow());
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + q(t) + " VALUES (1, 'remote', 1)");
            }
            dialect.suppressTracking(c, null);
            c.commit();
        }
        assertThat(tracking(t, "id", 1)).isNull();
        sql("INSERT INTO " + q(t) + " VALUES (2, 'local', 1)");
        assertThat(tracking(t, "id", 2)).as("tracking is back on after the suppressed transaction").isNotNull();
    }

    @Test
    void rowsWrittenWhileSuppressedGetTrackedByTheirNextChange() throws SQLException {
        String t = createItems("heal");
        provision("heal", t);
        sql("INSERT INTO " + q(t) + " VALUES (4, 'tracked', 4)");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            dialect.suppressTracking(c, dialect.schema().resolve(c, t).orElseThrow());
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + q(t) + " VALUES (1, 'quiet', 1)");
                s.execute("INSERT INTO " + q(t) + " VALUES (2, 'quiet', 2)");
                s.execute("INSERT INTO " + q(t) + " VALUES (3, 'quiet', 3)");
            }
            dialect.suppressTracking(c, null);
            c.commit();
        }
        assertThat(tracking(t, "id", 1)).isNull();

        // one statement over a row with a tracking row and one without, and one that does not change
        long w1 = watermark();
        sql("UPDATE " + q(t) + " SET " + q("b") + " = 7 WHERE " + q("id") + " IN (1, 3, 4) AND " + q("b") + " <> 3");
        TrackingRow healed = tracking(t, "id", 1);
        assertThat(healed).as("the untracked row changed and is tracked now").isNotNull();
        assertThat(healed.tick()).isGreaterThan(w1);
        assertThat(healed.dv()).isNull();
        long healedB = healed.v()[1] != null ? healed.v()[1] : healed.cv(); // null: "equal to sw_cv"
        assertThat(healedB).as("its changed column carries the change").isEqualTo(healed.tick());
        assertThat(tracking(t, "id", 4).v()).containsExactly(null, tracking(t, "id", 4).tick());
        assertThat(tracking(t, "id", 3)).as("not matched by the UPDATE, still untracked").isNull();

        long w2 = watermark();
        sql("DELETE FROM " + q(t) + " WHERE " + q("id") + " IN (2, 4)");
        TrackingRow gone = tracking(t, "id", 2);
        assertThat(gone).as("a deleted untracked row leaves a tombstone").isNotNull();
        assertThat(gone.tick()).isGreaterThan(w2);
        assertThat(gone.dv()).isEqualTo(gone.tick());
        assertThat(tracking(t, "id", 4).dv()).isEqualTo(gone.tick());
    }

    @Test
    void deprovisionLeavesNoTrace() throws SQLException {
        String t = createItems("trace");
        sql("INSERT INTO " + q(t) + " VALUES (1, 'x', 1)");
        Set<String> before;
        try (Connection c = db.connect()) {
            before = catalog(c);
        }
        provision("trace", t);
        sql("UPDATE " + q(t) + " SET " + q("a") + " = 'y'");
        provisioner.deprovision("trace");
        try (Connection c = db.connect()) {
            assertThat(catalog(c)).isEqualTo(before);
        }
        assertThat(count("SELECT count(*) FROM " + q(t))).isEqualTo(1);
        sql("INSERT INTO " + q(t) + " VALUES (2, 'untracked now', 1)");
    }

    @Test
    void hostileIdentifiersSurvive() throws SQLException {
        String t = "My \"Order\" Table ü select";
        sql("CREATE TABLE " + q(t) + " (" + q("Key Col") + " INTEGER NOT NULL PRIMARY KEY, " + q("select") + " VARCHAR(20), "
                + q("it's") + " INTEGER, " + q("Ünï 名前") + " VARCHAR(20))");
        sql("INSERT INTO " + q(t) + " VALUES (1, 'a', 1, 'b')");
        provision("hostile \"scope\" 'x'", t);
        long w = watermark();
        sql("UPDATE " + q(t) + " SET " + q("Ünï 名前") + " = 'c' WHERE " + q("Key Col") + " = 1");
        TrackingRow r = tracking(t, "Key Col", 1);
        assertThat(r.tick()).isGreaterThan(w);
        assertThat(r.v()).containsExactly(null, null, r.tick());
        provisioner.deprovision("hostile \"scope\" 'x'");
    }

    @Test
    void longTableNamesFitTheIdentifierLimit() throws SQLException {
        String t = "a_rather_long_table_name_that_is_close_to_the_limit_ü_" + "x".repeat(4);
        createItems(t);
        provision("long", t);
        sql("INSERT INTO " + q(t) + " VALUES (1, 'x', 1)");
        assertThat(tracking(t, "id", 1)).isNotNull();
        provisioner.deprovision("long");
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefusedByName() throws SQLException {
        sql("CREATE TABLE " + q("no_key") + " (" + q("a") + " INTEGER)");
        assertThatThrownBy(() -> provision("nokey", "no_key"))
                .isInstanceOf(SchemaException.class).hasMessageContaining("no_key").hasMessageContaining("no primary key");
    }

    @Test
    void anUnknownTableIsRefusedByName() {
        assertThatThrownBy(() -> provision("unknown", "does_not_exist"))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("does_not_exist");
    }

    /** {@code schema.table}: PostgreSQL's schema, MySQL/MariaDB's database, SQLite's {@code main}. */
    @Test
    void aSchemaQualifiedNameResolvesInThatSchema() throws SQLException {
        String t = createItems("qualified");
        sql("INSERT INTO " + q(t) + " VALUES (1, 'x', 1)");
        String schema = defaultSchema() == null ? "main" : defaultSchema();
        provision("qualified", schema + "." + t);
        TableStatus s = provisioner.status("qualified").tables().get(0);
        assertThat(s.name()).isEqualTo(table(t));
        assertThat(s.trackedRows()).isEqualTo(1);
        assertThat(s.drift()).isFalse();
        assertThat(provisioner.plan(SyncScope.named("qualified").tables(t).build()).isEmpty())
                .as("the plain name means the same table").isTrue();

        assertThatThrownBy(() -> provision("qualified_unknown", schema + ".no_such_table"))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("no_such_table").hasMessageContaining(schema);
        assertThatThrownBy(() -> provision("qualified_unknown", "no_such_schema." + t))
                .isInstanceOf(SchemaException.class).hasMessageContaining("no_such_schema");
        provisioner.deprovision("qualified");
    }

    @Test
    void aViewIsRefusedAsAViewNotAsAnUnknownTable() throws SQLException {
        String t = createItems("viewed");
        sql("CREATE VIEW " + q("items_view") + " AS SELECT * FROM " + q(t));
        assertThatThrownBy(() -> provision("view", "items_view"))
                .isInstanceOf(SchemaException.class).hasMessageContaining("items_view").hasMessageContaining("is a view")
                .hasMessageContaining("only tables can be tracked");
    }

    @Test
    void aTableBelongsToOneScope() throws SQLException {
        String t = createItems("owned");
        provision("owner", t);
        assertThatThrownBy(() -> provision("intruder", t))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("owner");
    }

    @Test
    void tablesAreOrderedByForeignKeysAndCyclesAreAccepted() throws SQLException {
        sql("CREATE TABLE " + q("fk_parent") + " (" + q("id") + " INTEGER NOT NULL PRIMARY KEY, " + q("up") + " INTEGER REFERENCES "
                + q("fk_parent") + " (" + q("id") + "))");
        sql("CREATE TABLE " + q("fk_child") + " (" + q("id") + " INTEGER NOT NULL PRIMARY KEY, " + q("p") + " INTEGER REFERENCES "
                + q("fk_parent") + " (" + q("id") + "))");
        ProvisioningPlan plan = provisioner.plan(SyncScope.named("fk").tables("fk_child", "fk_parent").build());
        assertThat(plan.definition().orElseThrow().tables()).extracting(td -> td.name().name())
                .containsExactly("fk_parent", "fk_child");

        sql("CREATE TABLE " + q("cy_a") + " (" + q("id") + " INTEGER NOT NULL PRIMARY KEY, " + q("b") + " INTEGER)");
        sql("CREATE TABLE " + q("cy_b") + " (" + q("id") + " INTEGER NOT NULL PRIMARY KEY, " + q("a") + " INTEGER REFERENCES "
                + q("cy_a") + " (" + q("id") + "))");
        addForeignKey("cy_a", "b", "cy_b");
        // a cycle has no parents-first order: the order follows the keys it can, the provider writes the other one in two steps
        ScopeDefinition cycle = provisioner.provision(SyncScope.named("cycle").tables("cy_a", "cy_b").build()).definition().orElseThrow();
        assertThat(cycle.tables()).extracting(td -> td.name().name()).containsExactly("cy_b", "cy_a");
        assertThat(dev.syncwright.tracking.ForeignKeyOrder.forwardKeys(cycle.tables()).values()).singleElement()
                .satisfies(keys -> assertThat(keys).singleElement().satisfies(fk -> assertThat(fk.columns()).containsExactly("a")));
    }

    /** Adds a foreign key after the fact (SQLite cannot, so it recreates the table). */
    protected void addForeignKey(String table, String column, String parent) throws SQLException {
        sql("ALTER TABLE " + q(table) + " ADD FOREIGN KEY (" + q(column) + ") REFERENCES " + q(parent) + " (" + q("id") + ")");
    }

    @Test
    void driftAddsTheNewChangeUnitWithoutLosingTrackingRows() throws SQLException {
        String t = createItems("drift");
        sql("INSERT INTO " + q(t) + " VALUES (1, 'x', 1)", "INSERT INTO " + q(t) + " VALUES (2, 'y', 2)");
        provision("drift", t);
        sql("UPDATE " + q(t) + " SET " + q("a") + " = 'x2' WHERE " + q("id") + " = 1");
        TrackingRow before = tracking(t, "id", 1);

        sql("ALTER TABLE " + q(t) + " ADD COLUMN " + q("c") + " INTEGER");
        TableStatus drifted = provisioner.status("drift").tables().get(0);
        assertThat(drifted.drift()).isTrue();
        assertThat(drifted.addedColumns()).containsExactly("c");

        provision("drift", t);
        ScopeDefinition def = provisioner.definition("drift").orElseThrow();
        assertThat(def.version()).isEqualTo(2);
        TableDefinition td = def.tables().get(0);
        assertThat(td.column("c").orElseThrow().changeUnit()).isEqualTo(2);
        assertThat(td.column("a").orElseThrow().changeUnit()).isZero();
        assertThat(provisioner.status("drift").tables().get(0).drift()).isFalse();
        assertThat(provisioner.status("drift").tables().get(0).trackedRows()).isEqualTo(2);

        TrackingRow kept = tracking(t, "id", 1);
        assertThat(kept.tick()).isEqualTo(before.tick());
        assertThat(kept.v()).containsExactly(before.v()[0], before.v()[1], null);

        long w = watermark();
        sql("UPDATE " + q(t) + " SET " + q("c") + " = 5 WHERE " + q("id") + " = 2");
        TrackingRow r = tracking(t, "id", 2);
        assertThat(r.tick()).isGreaterThan(w);
        assertThat(r.v()).containsExactly(null, null, r.tick());
        assertThat(provisioner.plan(SyncScope.named("drift").tables(t).build()).isEmpty()).isTrue();
    }
}
