package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.jdbc.Verification.Difference;
import dev.syncwright.jdbc.Verification.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * {@code verify} (issue 11, ADR 044): differences planted behind the provider's back, of each kind,
 * are found exactly — no more, no fewer — and the repair makes the replicas equal through the
 * versioned path, so that a third replica gets it by syncing.
 */
abstract class VerifyContract extends ReplicaHarness {

    @Test
    void findsExactlyThePlantedDifferencesAndTheRepairTravelsOnward() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40), n INTEGER, note VARCHAR(40))");
        StringBuilder insert = new StringBuilder("INSERT INTO items (id, v, n, note) VALUES ");
        for (int i = 1; i <= 3000; i++) { // more than one segment, so that equal segments are skipped
            insert.append(i > 1 ? ", " : "").append("(").append(i).append(", 'v").append(i).append("', ").append(i).append(", 'x')");
        }
        exec(sds, insert.toString());
        provision("items");
        Client a = client();
        Client third = client();
        sync(a);
        sync(third);
        assertThat(Verification.compare(a.provider(), serverProvider).equal()).isTrue();

        untracked(a.ds(), "DELETE FROM items WHERE id = 17", // missing on the client
                "INSERT INTO items (id, v, n, note) VALUES (5000, 'extra', 1, 'x')", // extra on the client
                "UPDATE items SET n = -1 WHERE id = 1200", // one column different
                "UPDATE items SET note = NULL WHERE id = 2500"); // NULL on the client ...
        untracked(sds, "UPDATE items SET note = '' WHERE id = 2500"); // ... and an empty string on the server

        Verification.Result r = Verification.compare(a.provider(), serverProvider);
        assertThat(r.localRows()).isEqualTo(3000);
        assertThat(r.remoteRows()).isEqualTo(3000);
        assertThat(r.differences()).extracting(Difference::key, Difference::kind, d -> String.join(",", d.columns())).containsExactly(
                Tuple.tuple("[17]", Kind.ONLY_REMOTE, "id,v,n,note"),
                Tuple.tuple("[1200]", Kind.DIFFERENT, "n"),
                Tuple.tuple("[2500]", Kind.DIFFERENT, "note"),
                Tuple.tuple("[5000]", Kind.ONLY_LOCAL, "id,v,n,note"));
        Difference empty = r.differences().get(2);
        assertThat(empty.local().get(3)).isNull();
        assertThat(empty.remote().get(3)).isEmpty();

        // the server is the truth: its rows come back, the extra row goes, the empty string replaces NULL
        Verification.Result after = Verification.repair(a.provider(), serverProvider, true);
        assertThat(after.equal()).as(after.differences().toString()).isTrue();
        assertThat(rows(a.ds(), "SELECT count(*) FROM items WHERE id = 5000")).containsExactly("0");

        // the third replica was equal to the server all along; the repair's versions reach it as no change at all
        assertConverged(a, third);
        assertThat(Verification.compare(third.provider(), serverProvider).equal()).isTrue();

        // the other direction: the client is the truth; the server is repaired and the repair travels to the third
        untracked(a.ds(), "UPDATE items SET v = 'the client knows best' WHERE id = 42");
        assertThat(Verification.compare(a.provider(), serverProvider).differences()).extracting(Difference::key).containsExactly("[42]");
        assertThat(Verification.repair(serverProvider, a.provider(), false).equal()).isTrue();
        sync(third);
        assertThat(rows(third.ds(), "SELECT v FROM items WHERE id = 42")).containsExactly("the client knows best");
        assertThat(Verification.compare(third.provider(), serverProvider).equal()).isTrue();
        assertConverged(a, third);
    }

    @Test
    void aServerRowTheTriggersMissedIsFoundAndRepaired() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40))", "INSERT INTO items (id, v) VALUES (1, 'one'), (2, 'two')");
        provision("items");
        Client a = client();
        sync(a);
        untracked(sds, "UPDATE items SET v = 'written while no trigger watched' WHERE id = 2");
        sync(a);
        assertThat(rows(a.ds(), "SELECT v FROM items WHERE id = 2")).as("sync alone cannot see it: nothing was tracked").containsExactly("two");
        assertThat(Verification.compare(a.provider(), serverProvider).differences()).extracting(Difference::key, Difference::columns)
                .containsExactly(Tuple.tuple("[2]", List.of("v")));
        assertThat(Verification.repair(a.provider(), serverProvider, true).equal()).isTrue();
        assertThat(rows(a.ds(), "SELECT v FROM items WHERE id = 2")).containsExactly("written while no trigger watched");
        assertConverged(a);
    }

    /** Statements run with this connection's tracking suppressed, as if no trigger were there. */
    static void untracked(DataSource ds, String... sql) throws SQLException {
        Dialect d = Dialects.detect(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            d.suppressTracking(c, d.schema().resolve(c, "items").orElseThrow());
            for (String x : sql) {
                s.execute(x);
            }
            d.suppressTracking(c, null);
            c.commit();
        }
    }
}
