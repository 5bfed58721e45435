package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * ADR 061: a SQLite replica's state is read without a write (its clock stays where the last
 * enumeration left it), and still states no tick that is not final; a probe's answer moves the clock,
 * so that a change committed since the last enumeration is in the knowledge it answers with, and a
 * peer that has synced is not told "quiet" while that change waits.
 */
class SqliteStateReadTest extends ReplicaHarness {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.sqlite(hint);
    }

    @Test
    void aStateReadWritesNothingAndAProbeStatesEveryCommittedChange() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40))", "INSERT INTO items VALUES (1, 'one')");
        provision("items");
        Client a = client();
        sync(a);
        long clock = clock();
        var known = serverProvider.state().knowledge();
        assertThat(serverProvider.state().knowledge()).isEqualTo(known);
        assertThat(clock()).as("two state reads, no write").isEqualTo(clock);

        exec(sds, "UPDATE items SET v = 'changed on the server' WHERE id = 1");
        assertThat(serverProvider.state().knowledge()).as("the change is above the clock: not stated yet, not lost").isEqualTo(known);
        assertThat(clock()).isEqualTo(clock);

        ReplicaId client = a.provider().state().replicaId();
        PeerRecord record = serverProvider.peer(client).orElseThrow();
        var answer = serverProvider.probe(client, record, a.provider().state().knowledge()).orElseThrow();
        assertThat(clock()).as("a probe's answer takes the safe watermark").isGreaterThan(clock);
        assertThat(answer.knowledge().contains(known)).isTrue();
        assertThat(known.contains(answer.knowledge())).as("it states the change").isFalse();
        assertThat(answer.quiet()).as("the client lacks the change").isFalse();
        sync(a);
        assertThat(rows(a.ds(), "SELECT v FROM items")).containsExactly("changed on the server");
    }

    private long clock() throws SQLException {
        return Long.parseLong(rows(sds, "SELECT tick FROM syncwright_clock").get(0));
    }
}
