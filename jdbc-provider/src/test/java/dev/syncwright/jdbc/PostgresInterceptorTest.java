package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.RowApplying;
import dev.syncwright.core.SessionStatistics;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncInterceptor;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@link SyncInterceptor} on real databases (ADR 045): the events of a sync in order, a row hook
 * that rewrites a column by name (the rewritten value reaches the server and every other client),
 * and one that holds a row back (it comes with the next sync).
 */
class PostgresInterceptorTest extends ReplicaHarness {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.postgres(hint);
    }

    @Test
    void eventsInOrderAndARowHookThatRewritesAColumnByName() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(40), qty INTEGER)",
                "INSERT INTO items VALUES (1, 'bolt', 1), (2, 'nut', 2), (3, 'washer', 3)");
        provision("items");
        Client a = client();
        Client b = client();
        List<String> events = new ArrayList<>();
        int name = serverProvider.changeUnit("items", "name");
        SyncInterceptor hook = new SyncInterceptor() {
            @Override
            public void sessionStarted(SessionEvent s) {
                events.add("started " + s.direction());
            }

            @Override
            public void batchSelected(SessionEvent s, int batch, int changes) {
                events.add("selected " + batch + ": " + changes);
            }

            @Override
            public void rowApplying(SessionEvent s, RowApplying row) {
                events.add("row " + a.provider().tableOf(row.itemId())); // as the destination names it
                if (row.writes(name) && row.value(name) instanceof String v) {
                    row.set(name, v.toUpperCase(Locale.ROOT));
                }
            }

            @Override
            public void batchApplied(SessionEvent s, int batch, long applied, long skipped, long deferred) {
                events.add("applied " + batch + ": " + applied);
            }

            @Override
            public void conflict(SessionEvent s, Conflict c) {
                events.add("conflict " + c.kind());
            }

            @Override
            public void sessionEnded(SessionEvent s, SessionStatistics st, Throwable failure) {
                events.add("ended " + s.direction() + " " + (failure == null ? st.applied() : failure));
            }
        };
        SyncOrchestrator.between(a.provider(), serverProvider).direction(SyncDirection.DOWNLOAD).intercept(hook).run();
        assertThat(events).containsExactly("started DOWNLOAD", "selected 1: 3", "row items", "row items", "row items", "applied 1: 3",
                "ended DOWNLOAD 3");
        assertThat(rows(a.ds(), "SELECT name FROM items ORDER BY id")).containsExactly("BOLT", "NUT", "WASHER");
        // the client stored other values than it was sent: they are its own now, and travel to the server and the other client
        sync(a);
        assertThat(rows(sds, "SELECT name FROM items ORDER BY id")).containsExactly("BOLT", "NUT", "WASHER");
        sync(b);
        assertThat(rows(b.ds(), "SELECT name FROM items ORDER BY id")).containsExactly("BOLT", "NUT", "WASHER");
        assertConverged(a, b);
    }

    @Test
    void aRowHeldBackComesWithTheNextSync() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(40))", "INSERT INTO items VALUES (1, 'one'), (2, 'two')");
        provision("items");
        Client a = client();
        var r = SyncOrchestrator.between(a.provider(), serverProvider).conflicts(ConflictPolicy.SERVER_WINS)
                .intercept(new SyncInterceptor() {
                    @Override
                    public void rowApplying(SessionEvent s, RowApplying row) {
                        if (a.provider().tableOf(row.itemId()).equals("items") && row.writes(0) && "two".equals(row.value(0))) {
                            row.skip();
                        }
                    }
                }).run();
        assertThat(r.download().deferred()).isEqualTo(1);
        assertThat(rows(a.ds(), "SELECT id FROM items ORDER BY id")).containsExactly("1");
        sync(a);
        assertThat(rows(a.ds(), "SELECT id, name FROM items ORDER BY id")).containsExactly("1|one", "2|two");
        assertConverged(a);
    }
}
