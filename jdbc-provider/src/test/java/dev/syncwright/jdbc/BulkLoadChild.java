package dev.syncwright.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;

/**
 * A child JVM of {@link BulkBootstrapContract}: downloads a server's scope into a new SQLite client,
 * printing a line after every committed batch, so that the test can kill it (SIGKILL) in the middle.
 * Arguments: server JDBC URL, user ("null" if none), password ("null" if none), client JDBC URL, batch rows.
 */
public final class BulkLoadChild {
    private BulkLoadChild() {
    }

    public static void main(String[] args) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(args[0]);
        hc.setUsername(args[1].equals("null") ? null : args[1]);
        hc.setPassword(args[2].equals("null") ? null : args[2]);
        hc.setMaximumPoolSize(3);
        try (HikariDataSource server = new HikariDataSource(hc);
                HikariDataSource client = SqliteClients.url(args[3]).poolName("bulk-child").open()) {
            JdbcSyncProvider remote = JdbcSyncProvider.open(server, ReplicaHarness.SCOPE);
            JdbcSyncProvider local = JdbcSyncProvider.openClient(client, remote);
            SyncOrchestrator.between(local, remote).direction(SyncDirection.DOWNLOAD).batchSizeRows(Integer.parseInt(args[4]))
                    .onProgress(p -> {
                        System.out.println("batch " + p.batches());
                        System.out.flush();
                    }).run();
        }
        System.out.println("done");
        System.out.flush();
    }
}
