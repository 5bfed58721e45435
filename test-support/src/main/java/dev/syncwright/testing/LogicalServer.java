package dev.syncwright.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/** The PostgreSQL server with {@code wal_level = logical} of {@link TestDatabases#postgresLogical}, found once per JVM. */
final class LogicalServer {
    private static Server server;
    private static String failure;

    private LogicalServer() {
    }

    static synchronized Server require() {
        if (server == null && failure == null) {
            String url = System.getProperty("syncwright.test.pg.logical.url", System.getenv("SYNCWRIGHT_TEST_PG_LOGICAL_URL"));
            try {
                if (url != null && !url.isBlank()) {
                    try (Connection c = Server.connect(url); Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SHOW wal_level")) {
                        rs.next();
                        if (!rs.getString(1).equals("logical")) {
                            throw new IllegalStateException("wal_level is " + rs.getString(1) + ", not logical");
                        }
                    }
                    server = new Server(Engine.POSTGRESQL, "postgresql", url, "SYNCWRIGHT_TEST_PG_LOGICAL_URL=" + JdbcUrls.mask(url));
                } else {
                    server = Embedded.postgres(true);
                }
                System.err.println("[syncwright-test] PostgreSQL with wal_level=logical: using " + server.source());
            } catch (Exception | LinkageError e) {
                failure = "No PostgreSQL server with wal_level=logical: " + e;
                System.err.println("[syncwright-test] " + failure);
            }
        }
        if (server == null) {
            return Assumptions.abort(failure);
        }
        return server;
    }
}
