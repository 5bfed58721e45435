package dev.syncwright.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerDataSourceTest {
    @TempDir
    Path dir;

    /** It used to lack WAL: the peer is now opened by SqliteClients, as the command line opens one. */
    @Test
    void aSqlitePeerHasWalAndABusyTimeout() throws Exception {
        SyncwrightProperties.Peer peer = new SyncwrightProperties.Peer();
        peer.setUrl("jdbc:sqlite:" + dir.resolve("replica.db"));
        try (PeerDataSource ds = new PeerDataSource("client", peer);
                Connection c = ds.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(s, "busy_timeout")).isEqualTo("30000");
            assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
        }
    }

    private static String pragma(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
