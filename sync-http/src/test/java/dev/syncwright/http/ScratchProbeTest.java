package dev.syncwright.http;

import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.SqliteClients;
import org.junit.jupiter.api.Test;

class ScratchProbeTest extends HttpFixture {
    @Test
    void idle() throws Exception {
        SyncHttpServer s = serve(Authenticator.none());
        HttpSyncProvider remote = remote(s, null);
        var c = SqliteClients.file(dir.resolve("probe.db")).open();
        JdbcSyncProvider.openClient(c, remote.describeScope());
        JdbcSyncProvider local = JdbcSyncProvider.open(c, SCOPE);
        SyncOrchestrator.between(local, remote).run();
        for (int i = 0; i < 300; i++) {
            exec(c, "UPDATE items SET qty = qty + 1 WHERE id = " + (i % 50 + 1));
            SyncOrchestrator.between(local, remote).run();
        }
        System.err.println("MARK");
        for (int i = 0; i < 3; i++) {
            exec(c, "UPDATE items SET qty = qty + 1 WHERE id = " + (i + 1));
            long t0 = System.nanoTime();
            SyncOrchestrator.between(local, remote).run();
            System.err.println("ROUND TRIP " + (System.nanoTime() - t0) / 1000 + " us");
        }
    }
}
