package dev.syncwright.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaIdentityException;
import dev.syncwright.core.SyncCancellation;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.spi.ForwardingSyncProvider;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.jdbc.JdbcSyncProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Sync over HTTP on real sockets (issue 13): a PostgreSQL server behind {@link SyncHttpServer}, SQLite
 * clients syncing through {@link HttpSyncProvider}. What the JDBC remote does, the HTTP remote does.
 */
class HttpSyncTest extends HttpFixture {
    @Test
    void downloadEditsOnBothSidesMergeAndNoEchoOverHttp() throws SQLException {
        SyncHttpServer s = serve(Authenticator.none());
        DataSource a = client();
        DataSource b = client();
        SyncResult first = sync(a, remote(s, null));
        assertThat(first.download().applied()).isEqualTo(2000);
        assertThat(first.download().batches()).as("in batches of 500, streamed").isGreaterThanOrEqualTo(4);
        sync(b, remote(s, null));
        exec(a, "UPDATE items SET name = 'renamed on a' WHERE id = 1", "DELETE FROM items WHERE id = 2",
                "INSERT INTO items VALUES (3001, 'new on a', 1)");
        exec(b, "UPDATE items SET qty = 99 WHERE id = 1");
        exec(server.dataSource(), "UPDATE items SET qty = 7 WHERE id = 5");
        SyncResult ra = sync(a, remote(s, null));
        assertThat(ra.upload().applied()).isEqualTo(3);
        assertThat(ra.download().applied()).isEqualTo(1);
        sync(b, remote(s, null));
        sync(a, remote(s, null));
        List<String> expected = rows(server.dataSource());
        assertThat(rows(a)).isEqualTo(expected);
        assertThat(rows(b)).isEqualTo(expected);
        assertThat(expected).contains("1|renamed on a|99", "3001|new on a|1", "5|item 5|7").doesNotContain("2|item 2|2");
        for (int i = 0; i < 2; i++) { // nothing comes back, nothing goes twice
            SyncResult idle = sync(a, remote(s, null));
            assertThat(idle.upload().sent() + idle.download().sent()).isZero();
        }
    }

    @Test
    void aSyncCutShortOnOneInstanceResumesOnAnother() throws SQLException {
        SyncHttpServer one = serve(Authenticator.none());
        SyncHttpServer two = serve(Authenticator.none());
        DataSource a = client();
        SyncCancellation stop = new SyncCancellation();
        SyncResult cut = SyncOrchestrator.between(JdbcSyncProvider.open(a, SCOPE), remote(one, null)).batchSizeRows(500).cancellation(stop)
                .onProgress(p -> {
                    if (p.batches() == 2) {
                        stop.cancel();
                    }
                }).run();
        assertThat(cut.cancelled()).isTrue();
        assertThat(count(a)).isEqualTo(1000);
        SyncResult rest = sync(a, remote(two, null));
        assertThat(rest.download().applied()).as("the rest only, from the other instance").isEqualTo(1000);
        assertThat(rows(a)).isEqualTo(rows(server.dataSource()));
    }

    /**
     * Two copies of one client file syncing at the same moment, each through its own server instance
     * (ADR 057): both read the pair's epoch before either moves it; the server's compare-and-set lets
     * one go on and refuses the other before it sends anything, so neither copy's new row is lost.
     */
    @Test
    void twoCopiesOfAClientSyncingAtOnceOnTwoInstancesLoseNothing() throws Exception {
        SyncHttpServer one = serve(Authenticator.none());
        SyncHttpServer two = serve(Authenticator.none());
        DataSource a = client();
        sync(a, remote(one, null));
        DataSource b = client();
        Path bFile = Path.of(clients.get(1).jdbcUrl().substring("jdbc:sqlite:".length()));
        Files.copy(Path.of(clients.get(0).jdbcUrl().substring("jdbc:sqlite:".length())), bFile, StandardCopyOption.REPLACE_EXISTING);
        exec(a, "INSERT INTO items VALUES (3001, 'new on a', 1)");
        exec(b, "INSERT INTO items VALUES (3002, 'new on b', 2)");
        List<SyncResult> meanwhile = new ArrayList<>();
        SyncProvider interleaved = new ForwardingSyncProvider(remote(one, null)) {
            @Override
            public Optional<PeerRecord> peer(ReplicaId peer) {
                Optional<PeerRecord> read = super.peer(peer);
                if (meanwhile.isEmpty()) { // b's whole session, on the other instance, before a's goes on
                    meanwhile.add(sync(b, remote(two, null)));
                }
                return read;
            }
        };
        assertThatThrownBy(() -> SyncOrchestrator.between(JdbcSyncProvider.open(a, SCOPE), interleaved).run())
                .isInstanceOfSatisfying(ReplicaIdentityException.class,
                        e -> assertThat(e.kind()).isEqualTo(ReplicaIdentityException.Kind.CONCURRENT_SESSION));
        assertThat(meanwhile.get(0).upload().applied()).isEqualTo(1);
        sync(a, remote(two, null));
        sync(b, remote(one, null));
        sync(a, remote(one, null));
        List<String> expected = rows(server.dataSource());
        assertThat(expected).contains("3001|new on a|1", "3002|new on b|2");
        assertThat(rows(a)).isEqualTo(expected);
        assertThat(rows(b)).isEqualTo(expected);
    }

    /**
     * A regional replica between devices and the server (ADR 058): what it uploads for a device is a
     * change of another replica, which a server takes only where it allows relays. Refused, nothing of
     * the batch is applied and the sync fails loudly; allowed, it arrives.
     */
    @Test
    void aClientUploadsItsOwnChangesOnlyUnlessTheServerAllowsRelays() throws SQLException {
        SyncHttpServer hub = serve(Authenticator.none());
        DataSource regional = client();
        sync(regional, remote(hub, null));
        DataSource device = client();
        JdbcSyncProvider regionalAsServer = JdbcSyncProvider.open(regional, SCOPE);
        SyncOrchestrator.between(JdbcSyncProvider.open(device, SCOPE), regionalAsServer).run();
        exec(device, "INSERT INTO items VALUES (4001, 'made on a device', 1)");
        exec(regional, "INSERT INTO items VALUES (4002, 'made on the regional replica', 2)");
        SyncOrchestrator.between(JdbcSyncProvider.open(device, SCOPE), regionalAsServer).run();
        assertThatThrownBy(() -> sync(regional, remote(hub, null))).isInstanceOf(SyncException.class)
                .hasMessageContaining("400").hasMessageContaining("relays");
        assertThat(count(server.dataSource())).as("nothing of the refused batch").isEqualTo(2000);
        SyncHttpServer relaying = serve(Authenticator.none(), ds -> ds, true);
        sync(regional, remote(relaying, null));
        assertThat(rows(server.dataSource())).contains("4001|made on a device|1", "4002|made on the regional replica|2");
        SyncOrchestrator.between(JdbcSyncProvider.open(device, SCOPE), regionalAsServer).run();
        assertThat(rows(device)).isEqualTo(rows(server.dataSource()));
    }

    @Test
    void tokensAreRequiredAndBoundToScopes() throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "# token name scopes\nshop-token-0123456789 alice shop\nother-token-0123456789 bob other\n");
        SyncHttpServer s = serve(BearerTokens.fromFile(tokens));
        DataSource a = client();
        assertThatThrownBy(() -> sync(a, remote(s, null))).isInstanceOf(SyncException.class).hasMessageContaining("401");
        assertThatThrownBy(() -> sync(a, remote(s, "wrong-token-0123456789"))).hasMessageContaining("401");
        assertThatThrownBy(() -> sync(a, remote(s, "other-token-0123456789"))).hasMessageContaining("403").hasMessageContaining("bob");
        assertThat(count(a)).isZero();
        sync(a, remote(s, "shop-token-0123456789"));
        assertThat(count(a)).isEqualTo(2000);
    }

    @Test
    void badRequestsGetA4xxAndAClearMessage() throws Exception {
        SyncHttpServer s = serve(Authenticator.none());
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + s.port() + "/syncwright/v1/";
        HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(URI.create(base + SCOPE + "/apply")).header("Syncwright-Protocol", "1")
                .POST(HttpRequest.BodyPublishers.ofString("not a batch")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("\"code\":\"BAD_REQUEST\"");
        HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create(base + SCOPE + "/state")).header("Syncwright-Protocol", "7")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(version.statusCode()).isEqualTo(400);
        assertThat(version.body()).contains("protocol 1").contains("version 7");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "nope/state")).header("Syncwright-Protocol", "1")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("UNKNOWN_SCOPE").contains("nope");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/syncwright/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(rows(server.dataSource())).hasSize(2000);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/syncwright/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
        SyncHttpServer down = SyncHttpServer.start(new java.net.InetSocketAddress("127.0.0.1", 0),
                new SyncHttpHandler(JdbcScopes.of(nowhere), Authenticator.none(), 1 << 20, 2), 1);
        servers.add(down);
        HttpResponse<String> notReady = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + down.port()
                + "/syncwright/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("database");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + down.port() + "/syncwright/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aReplicaSyncsInOneSessionAtATimeAndEndsItsSessions() throws Exception {
        SyncHttpServer s = serve(Authenticator.none());
        DataSource a = client();
        sync(a, remote(s, null));
        sync(a, remote(s, null)); // the first session ended: the replica syncs again at once
        String replica = JdbcSyncProvider.open(a, SCOPE).replicaId().toString();
        assertThat(raw(s, "state", replica, new byte[0]).statusCode()).isEqualTo(200); // another process's session holds the replica
        exec(a, "UPDATE items SET qty = -1 WHERE id = 1");
        java.util.concurrent.CompletableFuture<SyncResult> second = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> sync(a, remote(s, null)));
        Thread.sleep(1500);
        assertThat(second).as("the second session waits (409 SESSION_ACTIVE, Retry-After)").isNotDone();
        assertThat(rows(server.dataSource()).get(0)).as("and has sent nothing").isEqualTo("1|item 1|1");
        java.io.ByteArrayOutputStream end = new java.io.ByteArrayOutputStream();
        dev.syncwright.http.internal.WireWriter w = new dev.syncwright.http.internal.WireWriter(end);
        w.bool(true);
        w.flush();
        assertThat(raw(s, "end", replica, end.toByteArray()).statusCode()).isEqualTo(200);
        assertThat(second.get(60, java.util.concurrent.TimeUnit.SECONDS).upload().applied()).isEqualTo(1);
        assertThat(rows(server.dataSource()).get(0)).isEqualTo("1|item 1|-1");
    }

    private static HttpResponse<String> raw(SyncHttpServer s, String op, String replica, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/syncwright/v1/"
                        + SCOPE + "/" + op)).header("Syncwright-Protocol", "1").header("Syncwright-Session", "another-process")
                .header("Syncwright-Replica", replica).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
