package dev.syncwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.testing.CountingDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/**
 * What a session asks the server once (ADR 056): an idle sync reads the server's state and its record
 * of the client once, skips an upload that would teach nothing and a delivered mark that moved over
 * watermark ticks alone; what it skipped decides nothing later: changes after idle syncs travel both
 * ways, and a copy of the client file made between idle syncs is still found. Since ADR 059 an idle
 * sync is one probe that writes nothing.
 */
class IdleSyncTest extends HttpFixture {
    @Test
    void anIdleSyncCostsTheServerAFewStatementsAndChangesStillTravelAfterIt() throws SQLException {
        AtomicLong statements = new AtomicLong();
        SyncHttpServer s = serve(Authenticator.none(), ds -> CountingDataSource.wrap(ds, statements));
        assertThat(System.getProperty("sun.net.httpserver.nodelay")).as("small answers do not wait for a delayed ACK").isEqualTo("true");
        HttpSyncProvider remote = remote(s, null);
        DataSource a = client();
        JdbcSyncProvider local = JdbcSyncProvider.open(a, SCOPE);
        SyncOrchestrator.between(local, remote).run();
        SyncOrchestrator.between(local, remote).run();
        long before = statements.get();
        List<String> epochs = peers(server.dataSource());
        int syncs = 5;
        for (int i = 0; i < syncs; i++) {
            SyncResult idle = SyncOrchestrator.between(local, remote).run();
            assertThat(idle.upload().sent() + idle.download().sent()).isZero();
        }
        double perSync = (statements.get() - before) / (double) syncs;
        // 181 before the session asked once and the server kept its scope models (ADR 056), 11 after it:
        // the catalog fingerprint in place of the check of whole tracking, the state, the identity record
        // and its new epoch, the enumeration. Since the probe (ADR 059): one request, reading the
        // definition, the fingerprint, the watermark, the state and the identity record; nothing written. Since
        // ADR 060 those five are one statement on PostgreSQL
        assertThat(perSync).as("server statements per idle sync").isEqualTo(1.0);
        assertThat(peers(server.dataSource())).as("the pair's epoch, not moved by quiet syncs").isEqualTo(epochs);

        exec(a, "UPDATE items SET name = 'after idle' WHERE id = 1");
        exec(server.dataSource(), "UPDATE items SET qty = -5 WHERE id = 2");
        SyncResult r = SyncOrchestrator.between(local, remote).run();
        assertThat(r.upload().applied()).isEqualTo(1);
        assertThat(r.download().applied()).isEqualTo(1);
        assertThat(rows(a)).isEqualTo(rows(server.dataSource())).contains("1|after idle|1", "2|item 2|-5");
        SyncResult after = SyncOrchestrator.between(local, remote).run();
        assertThat(after.upload().sent() + after.download().sent()).as("no echo").isZero();
    }

    @Test
    void aCopyOfAClientMadeBetweenIdleSyncsIsFoundAndNoEditIsLost() throws Exception {
        SyncHttpServer s = serve(Authenticator.none());
        DataSource a = client();
        HttpSyncProvider remote = remote(s, null);
        JdbcSyncProvider pa = JdbcSyncProvider.open(a, SCOPE);
        SyncOrchestrator.between(pa, remote).run();
        for (int i = 0; i < 3; i++) {
            SyncOrchestrator.between(pa, remote).run();
        }
        DataSource b = copy(a);
        for (int i = 0; i < 3; i++) {
            SyncOrchestrator.between(pa, remote).run(); // idle syncs of the original after the copy
        }
        exec(a, "UPDATE items SET name = 'edited on a' WHERE id = 1");
        exec(b, "UPDATE items SET name = 'edited on b' WHERE id = 2");
        SyncOrchestrator.between(pa, remote).run();
        JdbcSyncProvider pb = JdbcSyncProvider.open(b, SCOPE);
        String before = pb.replicaId().toString();
        SyncResult rb = SyncOrchestrator.between(pb, remote(s, null)).run();
        assertThat(pb.replicaId().toString()).as("the copy took a new identity").isNotEqualTo(before);
        assertThat(rb.upload().applied()).isGreaterThanOrEqualTo(1);
        SyncOrchestrator.between(pa, remote).run();
        List<String> server = rows(this.server.dataSource());
        assertThat(server).contains("1|edited on a|1", "2|edited on b|2");
        assertThat(rows(a)).isEqualTo(server);
        assertThat(rows(b)).isEqualTo(server);
    }

    private DataSource copy(DataSource original) throws Exception {
        Path from = Path.of(((SQLiteDataSource) original).getUrl().substring("jdbc:sqlite:".length()));
        exec(original, "PRAGMA wal_checkpoint(TRUNCATE)");
        Path to = dir.resolve("copy.db");
        Files.copy(from, to);
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + to);
        return ds;
    }

    /**
     * A server from before ADR 059 has no {@code probe}: it answers 404 NOT_FOUND, and a client syncs
     * with it as it did then (here a proxy in front of a current server says so for every probe).
     */
    @Test
    void aServerWithoutProbesStillSyncs() throws Exception {
        SyncHttpServer s = serve(Authenticator.none());
        java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer old = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.net.http.HttpClient forward = java.net.http.HttpClient.newHttpClient();
        old.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (ex.getRequestURI().getPath().endsWith("/probe")) {
                probes.incrementAndGet();
                byte[] json = "{\"code\": \"NOT_FOUND\", \"message\": \"No such operation: probe\", \"protocol\": 1}".getBytes();
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(404, json.length);
                ex.getResponseBody().write(json);
                ex.close();
                return;
            }
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + s.port() + ex.getRequestURI().getPath()))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((k, v) -> {
                if (!java.util.Set.of("host", "content-length", "connection").contains(k.toLowerCase(java.util.Locale.ROOT))) {
                    v.forEach(x -> b.header(k, x));
                }
            });
            try {
                java.net.http.HttpResponse<byte[]> r = forward.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                r.headers().map().forEach((k, v) -> {
                    if (!java.util.Set.of("content-length", "transfer-encoding", "date", ":status").contains(k.toLowerCase(java.util.Locale.ROOT))) {
                        v.forEach(x -> ex.getResponseHeaders().add(k, x));
                    }
                });
                ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                ex.getResponseBody().write(r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ex.close();
            }
        });
        old.start();
        try {
            HttpSyncProvider remote = HttpSyncProvider.connect(java.net.URI.create("http://127.0.0.1:" + old.getAddress().getPort()), SCOPE,
                    null, java.time.Duration.ofSeconds(20));
            DataSource a = client();
            JdbcSyncProvider local = JdbcSyncProvider.open(a, SCOPE);
            SyncOrchestrator.between(local, remote).run();
            SyncOrchestrator.between(local, remote).run();
            exec(a, "UPDATE items SET name = 'through an older server' WHERE id = 1");
            SyncResult r = SyncOrchestrator.between(local, remote).run();
            assertThat(r.upload().applied()).isEqualTo(1);
            assertThat(rows(a)).isEqualTo(rows(server.dataSource()));
            assertThat(probes.get()).as("asked once, then never again by this remote").isEqualTo(1);
        } finally {
            old.stop(0);
        }
    }

    private static List<String> peers(DataSource ds) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (var c = ds.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT peer_id || ' ' || epoch || ' ' || nonce FROM syncwright.peers ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
