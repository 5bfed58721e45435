package dev.syncwright.bench;

import static dev.syncwright.bench.Bench.SCOPE;
import static dev.syncwright.bench.Bench.check;
import static dev.syncwright.bench.Bench.log;
import static dev.syncwright.bench.Bench.median;
import static dev.syncwright.bench.Bench.round;
import static dev.syncwright.bench.Bench.rounded;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.Verification;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code verify} (issue 11, ADR 044): two equal N-row replicas (PostgreSQL server, SQLite client)
 * against the initial download of the same rows, and the same replicas with ten rows changed on the
 * server where no trigger saw it, against the equal case. Timings of one run, interleaved, medians.
 */
final class VerifyBenchmarks {
    private static final int DIFFERING = 10;

    private VerifyBenchmarks() {
    }

    static Map<String, Object> run(Config cfg) throws Exception {
        try (TestDatabase server = TestDatabases.postgres("bench_verify"); HikariDataSource ds = Bench.pool(server)) {
            log("verify: generating %,d rows", cfg.rows);
            Bench.createPgItems(ds, "items", cfg.rows);
            Bench.provision(ds, "items");
            JdbcSyncProvider srv = JdbcSyncProvider.open(ds, SCOPE);
            List<Double> download = new ArrayList<>();
            List<Double> equal = new ArrayList<>();
            List<Double> differing = new ArrayList<>();
            Bench.Client client = null;
            for (int i = 0; i < cfg.bigReps + cfg.warmups; i++) {
                if (client != null) {
                    client.close();
                }
                client = new Bench.Client("bench_verify");
                long t0 = System.nanoTime();
                client.provider = JdbcSyncProvider.openClient(client.ds, srv);
                SyncOrchestrator.between(client.provider, srv).direction(SyncDirection.DOWNLOAD).batchSizeRows(cfg.batchSizeRows).run();
                double d = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                Verification.Result same = Verification.compare(client.provider, srv);
                double e = (System.nanoTime() - t0) / 1e9;
                check(same.equal() && same.localRows() == cfg.rows, "verify of equal replicas found " + same.differences().size()
                        + " differences in " + same.localRows() + " rows");
                untrackedChanges(ds, cfg.rows, i);
                t0 = System.nanoTime();
                Verification.Result found = Verification.compare(client.provider, srv);
                double f = (System.nanoTime() - t0) / 1e9;
                check(found.differences().size() == DIFFERING, "verify found " + found.differences().size() + " differences, not "
                        + DIFFERING);
                log("verify rep %d: initial download %.2f s, verify equal %.2f s, verify with %d differing %.2f s", i + 1, d, e,
                        DIFFERING, f);
                if (i >= cfg.warmups) {
                    download.add(d);
                    equal.add(e);
                    differing.add(f);
                }
            }
            client.close();
            Map<String, Object> out = new LinkedHashMap<>();
            double dl = median(download);
            double eq = median(equal);
            double df = median(differing);
            out.put("rows", cfg.rows);
            out.put("reps", cfg.bigReps);
            out.put("initialDownloadSeconds", round(dl));
            out.put("verifyEqualSeconds", round(eq));
            out.put("verifyDifferingSeconds", round(df));
            out.put("differingRows", DIFFERING);
            out.put("equalToDownloadRatio", round(eq / dl));
            out.put("differingToEqualRatio", round(df / eq));
            out.put("samplesDownload", rounded(download));
            out.put("samplesEqual", rounded(equal));
            out.put("samplesDiffering", rounded(differing));
            out.put("target", "equalToDownloadRatio <= 0.5, differingToEqualRatio <= 1.1");
            out.put("met", eq / dl <= 0.5 && df / eq <= 1.1);
            return out;
        }
    }

    /** Ten rows spread over the table changed on the server with its triggers off: only verify can see them. */
    private static void untrackedChanges(HikariDataSource ds, int rows, int rep) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("ALTER TABLE items DISABLE TRIGGER USER");
            for (int k = 0; k < DIFFERING; k++) {
                long id = 1 + (long) k * (rows / DIFFERING) + rep;
                s.execute("UPDATE items SET qty = -" + (rep + 1) + " WHERE id = " + id);
            }
            s.execute("ALTER TABLE items ENABLE TRIGGER USER");
            c.commit();
        }
    }
}
