package dev.syncwright.tracking.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.dialect.Dialects;
import dev.syncwright.dialect.UnsupportedDatabaseException;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.ProvisioningPlan;
import dev.syncwright.tracking.ScopeStatus;
import dev.syncwright.tracking.SyncScope;
import dev.syncwright.tracking.TableStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Written once, run per database: the changelog, applied by Liquibase to a second database with the
 * same user schema, must leave exactly the state {@link Provisioner#provision} leaves.
 */
abstract class ChangelogContract {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final SyncScope SCOPE = SyncScope.named("sales").tables("customers", "orders").build();

    private TestDatabase reference;
    private TestDatabase target;

    @TempDir
    Path dir;

    abstract TestDatabase create(String hint);

    /**
     * Whether a changelog computed against one database applies to another of the same shape. Not on
     * MySQL/MariaDB, where the SQL names the database; there it is computed against the target itself.
     */
    boolean portable() {
        return true;
    }

    /** Every non-user object in the database (sync objects and Liquibase's own tables excluded), sorted. */
    abstract List<String> syncObjects(Connection c) throws SQLException;

    @BeforeEach
    void createDatabases() throws SQLException {
        reference = create(getClass().getSimpleName() + "_ref");
        target = create(getClass().getSimpleName() + "_lb");
        for (TestDatabase db : List.of(reference, target)) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE customers (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200))");
                st.execute("CREATE TABLE orders (id INTEGER NOT NULL PRIMARY KEY, customer_id INTEGER NOT NULL, note VARCHAR(200),"
                        + " FOREIGN KEY (customer_id) REFERENCES customers (id))");
                st.execute("INSERT INTO customers (id, name, email) VALUES (1, 'Ada', 'ada@example.org'), (2, 'Bob', NULL), (3, 'Cy', 'c@x')");
                st.execute("INSERT INTO orders (id, customer_id, note) VALUES (10, 1, 'first; with a semicolon'), (11, 2, '-- not a comment')");
            }
        }
        try {
            Dialects.detect(target.dataSource());
        } catch (UnsupportedDatabaseException e) {
            Assumptions.abort("No Syncwright dialect registered for " + target.kind() + " yet: " + e.getMessage());
        }
    }

    @AfterEach
    void dropDatabases() {
        if (target != null) {
            target.close();
        }
        if (reference != null) {
            reference.close();
        }
    }

    @Test
    void changelogAppliedByLiquibaseEqualsProvisioning() throws Exception {
        Provisioner ref = Provisioner.of(reference.dataSource());
        Provisioner tgt = Provisioner.of(target.dataSource());
        Provisioner planner = portable() ? ref : tgt;
        ProvisioningPlan plan = planner.plan(SCOPE);
        Path file = dir.resolve("syncwright-sales.xml");
        LiquibaseChangelog changelog = LiquibaseChangelog.of(plan, planner.dialect());
        changelog.write(file);
        String xml = Files.readString(file);

        assertThat(changelog.changeSetIds()).hasSize(4);
        assertThat(changelog.changeSetIds().subList(0, 2)).containsExactly("syncwright:sales:v1:sync-objects", "syncwright:sales:v1:scope");
        assertThat(changelog.changeSetIds().get(2)).startsWith("syncwright:sales:v1:table:").endsWith("customers");
        assertThat(changelog.changeSetIds().get(3)).startsWith("syncwright:sales:v1:table:").endsWith("orders");
        assertThat(count(xml, "<sql ")).isEqualTo(count(xml, "<sql splitStatements=\"false\" stripComments=\"false\">"));
        assertThat(count(xml, "<rollback>")).isEqualTo(4);
        String plannedReplicaId = firstUuid(plan.toSql());
        assertThat(xml).doesNotContain(plannedReplicaId);
        // generating twice gives the same text apart from nothing: reviewers diff it
        assertThat(LiquibaseChangelog.of(plan, planner.dialect()).toXml()).isEqualTo(xml);

        ref.provision(SCOPE);
        LiquibaseRunner.update(target.connect(), file);

        assertThat(tgt.plan(SCOPE).isEmpty()).as("nothing left to provision after the changelog").isTrue();
        try (Connection r = reference.connect(); Connection t = target.connect()) {
            assertThat(syncObjects(t)).isNotEmpty().isEqualTo(syncObjects(r));
        }
        ScopeStatus expected = ref.status("sales");
        ScopeStatus actual = tgt.status("sales");
        assertThat(actual.dialect()).isEqualTo(expected.dialect());
        assertThat(actual.definitionVersion()).isEqualTo(expected.definitionVersion());
        // the schema differs on MySQL/MariaDB, where it is the database itself
        assertThat(actual.tables()).extracting(t -> t.name().name(), TableStatus::trackedRows, TableStatus::tombstones,
                        TableStatus::drift, TableStatus::addedColumns, TableStatus::removedColumns, TableStatus::changedColumns)
                .isEqualTo(expected.tables().stream().map(t -> org.assertj.core.groups.Tuple.tuple(t.name().name(), t.trackedRows(),
                        t.tombstones(), t.drift(), t.addedColumns(), t.removedColumns(), t.changedColumns())).toList());
        assertThat(actual.tables()).extracting(TableStatus::trackedRows).containsExactly(3L, 2L);
        assertThat(actual.replicaId()).matches(UUID.pattern()).isNotEqualTo(plannedReplicaId).isNotEqualTo(expected.replicaId());

        // the triggers work: an insert is tracked, a delete leaves a tombstone
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO customers (id, name) VALUES (4, 'Dee')");
            st.execute("DELETE FROM orders WHERE id = 11");
        }
        ScopeStatus after = tgt.status("sales");
        assertThat(after.tables()).extracting(TableStatus::trackedRows).containsExactly(4L, 1L);
        assertThat(after.tables()).extracting(TableStatus::tombstones).containsExactly(0L, 1L);

        // applying again is a no-op; rolling everything back leaves no sync object
        LiquibaseRunner.update(target.connect(), file);
        LiquibaseRunner.rollbackCount(target.connect(), file, changelog.changeSetIds().size());
        try (Connection t = target.connect()) {
            assertThat(syncObjects(t)).isEmpty();
        }
        assertThat(tgt.definition("sales")).isEmpty();
    }

    /** Where the SQL names its database, applying it to another one must stop before changing anything. */
    @Test
    void changelogForAnotherDatabaseHaltsWhenNotPortable() throws Exception {
        Assumptions.assumeFalse(portable(), "this database's changelogs are portable");
        Provisioner ref = Provisioner.of(reference.dataSource());
        Path file = dir.resolve("syncwright-sales.xml");
        LiquibaseChangelog.of(ref.plan(SCOPE), ref.dialect()).write(file);
        List<String> before;
        try (Connection t = target.connect()) {
            before = syncObjects(t);
        }
        assertThatThrownBy(() -> LiquibaseRunner.update(target.connect(), file)).hasStackTraceContaining("generated for the database");
        try (Connection r = reference.connect(); Connection t = target.connect()) {
            assertThat(syncObjects(t)).isEqualTo(before);
            assertThat(syncObjects(r)).isEmpty();
        }
    }

    @Test
    void alreadyProvisionedGivesAnEmptyChangelog() {
        Provisioner ref = Provisioner.of(reference.dataSource());
        ref.provision(SCOPE);
        LiquibaseChangelog changelog = LiquibaseChangelog.of(ref.plan(SCOPE), ref.dialect());
        assertThat(changelog.changeSetIds()).isEmpty();
        assertThat(changelog.toXml()).contains("<databaseChangeLog").doesNotContain("<changeSet");
    }

    /** Helper for the catalog queries of the subclasses. */
    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out.stream().sorted().toList();
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static String firstUuid(String text) {
        Matcher m = UUID.matcher(text);
        assertThat(m.find()).isTrue();
        return m.group();
    }
}
