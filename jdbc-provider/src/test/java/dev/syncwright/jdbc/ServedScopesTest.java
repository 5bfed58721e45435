package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncException;
import dev.syncwright.testing.CountingDataSource;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link ServedScopes} (ADR 056): the model a server keeps of a scope follows the definition stored
 * in the database (provisioned again: rebuilt; removed: no longer served), and a provider opened
 * untrusted checks that tracking is whole while a trusted one (its session checked) does not.
 */
class ServedScopesTest extends ReplicaHarness {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.postgres(hint);
    }

    @Test
    void theKeptModelFollowsTheStoredDefinition() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(40))", "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT)",
                "INSERT INTO items VALUES (1, 'bolt')", "INSERT INTO notes VALUES (1, 'hello')");
        ServedScopes served = ServedScopes.of(sds);
        assertThat(served.open(SCOPE, true)).as("not provisioned yet").isEmpty();
        provision("items");
        JdbcSyncProvider first = served.open(SCOPE, true).orElseThrow();
        assertThat(first.definition().tables()).hasSize(1);
        assertThat(first.snapshot()).containsOnlyKeys("items");
        assertThat(served.open(SCOPE, true).orElseThrow().definition()).isSameAs(first.definition());

        provision("items", "notes");
        JdbcSyncProvider second = served.open(SCOPE, true).orElseThrow();
        assertThat(second.definition().tables()).as("provisioned again: the model is rebuilt").hasSize(2);
        assertThat(second.snapshot()).containsKeys("items", "notes");

        Provisioner.of(sds).deprovision(SCOPE);
        assertThat(served.open(SCOPE, true)).as("removed: no longer served").isEmpty();
    }

    @Test
    void theCheckIsSkippedWhileTheCatalogIsAsItWasWhenItPassed() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(40))");
        provision("items");
        AtomicLong statements = new AtomicLong();
        ServedScopes served = ServedScopes.of(CountingDataSource.wrap(sds, statements));
        served.open(SCOPE, true).orElseThrow().state();
        long first = statements.getAndSet(0);
        served.open(SCOPE, true).orElseThrow().state();
        assertThat(statements.get()).as("the definition, the fingerprint, the watermark, the state; the check took %d", first)
                .isLessThanOrEqualTo(4).isLessThan(first);
        // every kind of change the full check sees changes the fingerprint, so the check runs and refuses
        String[][] breaks = {
            {"ALTER TABLE items DISABLE TRIGGER syncwright_upd", "ALTER TABLE items ENABLE TRIGGER syncwright_upd"},
            {"ALTER TABLE items ALTER COLUMN name TYPE VARCHAR(80)", "ALTER TABLE items ALTER COLUMN name TYPE VARCHAR(40)"},
            {"ALTER TABLE items RENAME COLUMN name TO label", "ALTER TABLE items RENAME COLUMN label TO name"},
            {"ALTER TABLE syncwright.\"public.items\" RENAME TO gone", "ALTER TABLE syncwright.gone RENAME TO \"public.items\""},
        };
        for (String[] b : breaks) {
            exec(sds, b[0]);
            assertThatThrownBy(() -> served.open(SCOPE, true).orElseThrow().state()).as(b[0]).isInstanceOf(SyncException.class)
                    .hasMessageContaining("is not whole");
            exec(sds, b[1]);
            served.open(SCOPE, true).orElseThrow().state();
        }
    }

    @Test
    void anUntrustedProviderChecksTrackingATrustedOneDoesNot() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(40))");
        provision("items");
        ServedScopes served = ServedScopes.of(sds);
        var id = served.open(SCOPE, true).orElseThrow().state().replicaId();
        exec(sds, "ALTER TABLE items ADD COLUMN added INTEGER");
        assertThatThrownBy(() -> served.open(SCOPE, true).orElseThrow().state()).isInstanceOf(SyncException.class)
                .hasMessageContaining("items.added was added, and is not tracked");
        assertThat(served.open(SCOPE, false).orElseThrow().state().replicaId()).isEqualTo(id);
    }
}
