package dev.syncwright.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.JdbcSyncProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Child JVM of the peakHeapMb scenario (started with a small -Xmx): downloads the provisioned server
 * table into an empty SQLite client and prints one line {@code HEAP_PROBE {json}}.
 * Arguments: server JDBC URL, user ("null" if none), password ("null" if none), rows, batch size.
 */
public final class HeapProbe {
    static final String PREFIX = "HEAP_PROBE ";

    public static void main(String[] args) throws Exception {
        Bench.quietLogs();
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(args[0]);
        if (!args[1].equals("null")) {
            hc.setUsername(args[1]);
        }
        if (!args[2].equals("null")) {
            hc.setPassword(args[2]);
        }
        hc.setMaximumPoolSize(4);
        long rows = Long.parseLong(args[3]);
        int batch = Integer.parseInt(args[4]);
        int exit = 0;
        try (HikariDataSource ds = new HikariDataSource(hc); Bench.Client client = new Bench.Client("bench_heap")) {
            JdbcSyncProvider server = JdbcSyncProvider.open(ds, Bench.SCOPE);
            Bench.resetPeaks();
            long t0 = System.nanoTime();
            JdbcSyncProvider local = JdbcSyncProvider.openClient(client.ds, server);
            SyncResult r = SyncOrchestrator.between(local, server).direction(SyncDirection.DOWNLOAD).batchSizeRows(batch).run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("peakHeapMb", Bench.peakHeapMb());
            m.put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
            m.put("applied", r.download().applied());
            m.put("seconds", Bench.round(seconds));
            m.put("rowsPerSecond", Bench.round(rows / seconds));
            if (r.download().applied() != rows) {
                exit = 3;
            }
            System.out.println(PREFIX + new ObjectMapper().writeValueAsString(m));
        }
        System.out.flush();
        System.exit(exit);
    }
}
