package dev.syncwright.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The embedded PostgreSQL server of {@code syncwright demo}, in a temporary data directory that
 * {@link #stop()} removes. Stopping is idempotent: it runs at the end, or from the shutdown hook on Ctrl-C.
 *
 * <p>The jar carries the server binaries of the platform it was built on only (ADR 053), so a jar
 * copied to another platform says so here rather than failing deep inside the library.
 */
final class DemoServer {
    private final Path data;
    private volatile EmbeddedPostgres pg;
    private boolean stopped;
    private final CountDownLatch stoppedLatch = new CountDownLatch(1);

    DemoServer(Path data) {
        this.data = data;
    }

    /** Starts the server and creates the {@code shop} database; returns its JDBC URL. */
    String start() {
        try {
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // a demo's data is thrown away: durability would only make it slower
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException | RuntimeException e) {
            String message = DatabaseCommand.rootMessage(e);
            if (message.contains("Missing embedded postgres binaries")) {
                message = "this syncwright jar carries no PostgreSQL binaries for " + platform()
                        + "; build it on this platform (./mvnw -pl sync-cli -am package) to run the demo. " + message;
            }
            throw new CliFailure(ExitCodes.CONFIGURATION, "cannot start the embedded PostgreSQL server: " + message, e);
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE shop");
        } catch (SQLException e) {
            throw new CliFailure(ExitCodes.FAILED, "cannot create the demo database: " + DatabaseCommand.rootMessage(e), e);
        }
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/shop?user=postgres";
    }

    int port() {
        return pg.getPort();
    }

    Path dataDirectory() {
        return data;
    }

    /** Waits until {@link #stop()} has run (Ctrl-C with {@code --keep}). */
    void awaitStop() throws InterruptedException {
        stoppedLatch.await();
    }

    /** Stops the server once and removes its data directory. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException | RuntimeException ignored) {
                // stopping at the end; the data directory is removed next
            }
        }
        deleteTree(data);
        stoppedLatch.countDown();
    }

    private static String platform() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT) + " " + System.getProperty("os.arch");
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
