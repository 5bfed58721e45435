package dev.syncwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.http.internal.WireWriter;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/**
 * Mutated and truncated request bodies against a live server (issue 13): never a 5xx, and the
 * server keeps serving a sync afterwards. {@code -Dsyncwright.http.fuzz.seed}, {@code .requests} (default 400).
 */
class HttpFuzzTest {
    @Test
    void mutatedBodiesNeverGetA5xx() throws Exception {
        long seed = Long.getLong("syncwright.http.fuzz.seed", System.nanoTime());
        int requests = Integer.getInteger("syncwright.http.fuzz.requests", 400);
        Random rnd = new Random(seed);
        try (TestDatabase server = TestDatabases.postgres("http_fuzz"); TestDatabase client = TestDatabases.sqlite("http_fuzz_c")) {
            HttpFixture.exec(server.dataSource(), "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(40), qty INTEGER)",
                    "INSERT INTO items SELECT g, 'item ' || g, g FROM generate_series(1, 50) g");
            Provisioner.of(server.dataSource()).provision(SyncScope.named("shop").tables("items").build());
            SQLiteDataSource cds = new SQLiteDataSource();
            cds.setUrl(client.jdbcUrl());
            JdbcSyncProvider serverProvider = JdbcSyncProvider.open(server.dataSource(), "shop");
            JdbcSyncProvider clientProvider = JdbcSyncProvider.openClient(cds, serverProvider);
            SyncOrchestrator.between(clientProvider, serverProvider).run();
            HttpFixture.exec(cds, "UPDATE items SET name = 'edited' WHERE id <= 20", "INSERT INTO items VALUES (100, 'new', 1)");
            try (SyncHttpServer http = SyncHttpServer.start(new InetSocketAddress("127.0.0.1", 0),
                    new SyncHttpHandler(JdbcScopes.of(server.dataSource()), Authenticator.none(), 1 << 20, 4), 2)) {
                Map<String, byte[]> bodies = new TreeMap<>();
                ReplicaState serverState = serverProvider.state();
                ReplicaState clientState = clientProvider.state();
                EnumerationRequest request = new EnumerationRequest(serverState.knowledge(), serverState.forgotten(), false, 5, 1 << 20);
                ChangeBatch batch;
                try (ChangeEnumeration e = clientProvider.enumerateChanges(request)) {
                    batch = e.next();
                }
                bodies.put("apply", body(w -> w.replicaId(clientState.replicaId()).replicaId(serverState.replicaId()).bool(true)
                        .text(ConflictPolicy.SERVER_WINS.toString()).int64(serverState.knowledge().minimumTick(0)).batch(batch).int32(0)));
                bodies.put("changes", body(w -> w.request(request)));
                bodies.put("fetch", body(w -> w.itemId(batch.changes().get(0).itemId())));
                bodies.put("peer", body(w -> w.replicaId(clientState.replicaId())));
                bodies.put("probe", body(w -> w.replicaId(clientState.replicaId()).int64(1).text("nonce").knowledge(clientState.knowledge())));
                bodies.put("replace", body(w -> w.replicaId(clientState.replicaId()).bool(true).int64(1).text("expected-nonce")
                        .int64(2).text("new-nonce").int64(0).bool(false)));
                HttpClient web = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                String base = "http://127.0.0.1:" + http.port() + "/syncwright/v1/shop/";
                int[] byStatus = new int[6];
                for (int i = 0; i < requests; i++) {
                    String op = bodies.keySet().toArray(String[]::new)[rnd.nextInt(bodies.size())];
                    byte[] raw = bodies.get(op);
                    byte[] bad = rnd.nextInt(3) == 0 ? java.util.Arrays.copyOf(raw, rnd.nextInt(raw.length + 1)) : raw.clone();
                    for (int m = rnd.nextInt(5); m > 0 && bad.length > 0; m--) {
                        bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
                    }
                    // both codings of the wire; a quarter of the bodies damaged after compression too (the decoders' refusals)
                    String coding = i % 2 == 0 ? "gzip" : "zstd";
                    byte[] sent = coding.equals("gzip") ? gzip(bad) : com.github.luben.zstd.Zstd.compress(bad);
                    if (rnd.nextInt(4) == 0) {
                        sent[rnd.nextInt(sent.length)] ^= (byte) (1 + rnd.nextInt(255));
                    }
                    String before = digest(server.dataSource());
                    HttpRequest post = HttpRequest.newBuilder(URI.create(base + op)).header("Syncwright-Protocol", "1")
                            .header("Content-Encoding", coding).POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build();
                    HttpResponse<String> r;
                    try {
                        r = web.send(post, HttpResponse.BodyHandlers.ofString());
                    } catch (java.io.IOException e) {
                        throw new AssertionError("seed " + seed + " (-Dsyncwright.http.fuzz.seed), request " + i + " to " + op + " in "
                                + coding + ": the server closed the connection without an answer (" + e.getMessage() + ")", e);
                    }
                    assertThat(r.statusCode()).as("seed %d (-Dsyncwright.http.fuzz.seed), request %d to %s: %s", seed, i, op, r.body())
                            .isLessThan(500);
                    byStatus[r.statusCode() / 100]++;
                    if (r.statusCode() >= 400) {
                        assertThat(digest(server.dataSource())).as("seed %d, request %d to %s was refused (%s) but changed the server",
                                seed, i, op, r.body()).isEqualTo(before);
                    }
                }
                assertThat(byStatus[4]).as("most mutated bodies are refused").isPositive();
                // and the server still serves real syncs: its tracking is whole (a mutated body that still reads as a valid
                // batch is a write of this client's, which may even claim versions the client has not issued: ADR 046)
                HttpSyncProvider remote = HttpSyncProvider.connect(URI.create("http://127.0.0.1:" + http.port()), "shop", null,
                        Duration.ofSeconds(20));
                SyncOrchestrator.between(JdbcSyncProvider.open(cds, "shop"), remote).run();
                System.out.printf("fuzz seed %d: %d requests, by status class %s%n", seed, requests, java.util.Arrays.toString(byStatus));
            }
        }
    }

    /** Every table of the server's schema (the user's, the tracking, the metadata), hashed. */
    static String digest(DataSource ds) throws java.sql.SQLException {
        StringBuilder all = new StringBuilder();
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                    + "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (java.sql.ResultSet rs = st.executeQuery("SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM \""
                        + t + "\" x")) {
                    rs.next();
                    all.append(t).append('=').append(rs.getString(1)).append(' ');
                }
            }
        }
        return all.toString();
    }

    private interface Writing {
        void write(WireWriter w);
    }

    private static byte[] body(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireWriter w = new WireWriter(out);
        writing.write(w);
        w.flush();
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] b) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }
}
