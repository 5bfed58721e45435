package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.testing.CountingDataSource;
import dev.syncwright.tracking.Provisioner;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link ServedScopes} (ADR 056): the model a server keeps of a scope follows the definition stored
 * in the database (provisioned again: rebuilt; removed: no longer served), and a provider opened
 * untrusted checks that tracking is whole while a trusted one (its session checked) does not.
 */
abstract class ServedScopesContract extends ReplicaHarness {
    /** A way to break the tracking of table items that the check refuses, and how to undo it (null: provisioning again repairs it). */
    record Break(String what, String[] breakIt, String[] repair) {
    }

    /** The database's ways to break tracking: a trigger gone or disabled, a column retyped, renamed, the tracking table renamed. */
    abstract List<Break> breaks() throws SQLException;

    /**
     * How many statements a session's first probe costs once a check has passed (ADR 060): one where the
     * dialect offers the watermark and the fingerprint as expressions; their own reads and one more elsewhere.
     */
    abstract int probeStatements();

    /** Statements of a session's start once the check is skipped: the definition, the fingerprint, and the state as read here. */
    int startStatements() {
        return 4;
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
                .isLessThanOrEqualTo(startStatements()).isLessThan(first);
        // every kind of change the full check sees changes the fingerprint, so the check runs and refuses
        for (Break b : breaks()) {
            exec(sds, b.breakIt());
            assertThatThrownBy(() -> served.open(SCOPE, true).orElseThrow().state()).as(b.what()).isInstanceOf(SyncException.class)
                    .hasMessageContaining("is not whole");
            if (b.repair() == null) {
                provision("items");
            } else {
                exec(sds, b.repair());
            }
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

    @Test
    void aProbeIsOneReadOnlyWhileTheDefinitionAndTheCatalogAreAsChecked() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(40))", "CREATE TABLE notes (id BIGINT PRIMARY KEY)");
        provision("items");
        AtomicLong statements = new AtomicLong();
        ServedScopes served = ServedScopes.of(CountingDataSource.wrap(sds, statements));
        ReplicaId asker = ReplicaId.random();
        PeerRecord record = new PeerRecord(7, "n", 0, false);
        Knowledge knows = Knowledge.empty(dev.syncwright.core.ReplicaKeyMap.forReplica(asker));
        assertThat(served.probe(SCOPE, asker, record, knows)).as("no model checked yet").isEmpty();
        JdbcSyncProvider p = served.open(SCOPE, true).orElseThrow();
        var state = p.state();
        p.rememberPeer(asker, record);
        statements.set(0);
        var answer = served.probe(SCOPE, asker, record, state.knowledge());
        long read = statements.getAndSet(0);
        served.open(SCOPE, true).orElseThrow().probe(asker, record, state.knowledge());
        assertThat(read).as("statements of a probe").isLessThanOrEqualTo(probeStatements()).isLessThan(statements.get());
        assertThat(answer.orElseThrow().replicaId()).isEqualTo(state.replicaId());
        assertThat(answer.get().knowledge()).as("as state() states it").isEqualTo(p.state().knowledge());
        assertThat(answer.get().askersRecord()).contains(record);
        assertThat(answer.get().quiet()).isTrue();
        assertThat(served.probe(SCOPE, asker, new PeerRecord(8, "n", 0, false), state.knowledge()).orElseThrow().quiet())
                .as("another epoch").isFalse();
        assertThat(served.probe(SCOPE, ReplicaId.random(), record, state.knowledge()).orElseThrow().askersRecord()).isEmpty();
        // anything the full check sees changes the fingerprint: no one-read answer until a check passes again
        for (Break b : breaks()) {
            exec(sds, b.breakIt());
            assertThat(served.probe(SCOPE, asker, record, knows)).as(b.what()).isEmpty();
            assertThatThrownBy(() -> served.open(SCOPE, true).orElseThrow().probe(asker, record, knows)).as(b.what())
                    .isInstanceOf(SyncException.class).hasMessageContaining("is not whole");
            assertThat(served.probe(SCOPE, asker, record, knows)).as(b.what() + ", the check failed").isEmpty();
            if (b.repair() == null) {
                provision("items");
            } else {
                exec(sds, b.repair());
            }
            served.open(SCOPE, true).orElseThrow().state();
            assertThat(served.probe(SCOPE, asker, record, knows)).as(b.what() + ", repaired and checked").isPresent();
        }
        provision("items", "notes");
        assertThat(served.probe(SCOPE, asker, record, knows)).as("provisioned again: the kept model is stale").isEmpty();
        assertThat(served.open(SCOPE, true).orElseThrow().state().replicaId()).isEqualTo(state.replicaId());
        assertThat(served.probe(SCOPE, asker, record, knows)).as("rebuilt and checked").isPresent();
        Provisioner.of(sds).deprovision(SCOPE);
        assertThat(served.probe(SCOPE, asker, record, knows)).as("removed").isEmpty();
    }
}
