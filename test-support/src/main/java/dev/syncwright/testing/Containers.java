package dev.syncwright.testing;

import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Servers in Docker containers, one per family per JVM, stopped by the shutdown hook (and by
 * Testcontainers' Ryuk should the JVM die). Images can be overridden with the system properties
 * {@code syncwright.test.pg.image} / {@code syncwright.test.mariadb.image}.
 */
final class Containers {

    static final String PG_IMAGE = System.getProperty("syncwright.test.pg.image", "postgres:17-alpine");
    static final String MARIADB_IMAGE = System.getProperty("syncwright.test.mariadb.image", "mariadb:11.4");

    private Containers() {
    }

    static Server postgres() {
        long t0 = System.nanoTime();
        PostgreSQLContainer pg = new PostgreSQLContainer(PG_IMAGE);
        pg.start();
        Cleanup.serverStarted("PostgreSQL container", pg::stop);
        String url = JdbcUrls.withParameter(JdbcUrls.withParameter(pg.getJdbcUrl(), "user", pg.getUsername()),
                "password", pg.getPassword());
        return new Server(Engine.POSTGRESQL, "postgresql", url,
                "Testcontainers " + PG_IMAGE + " at " + JdbcUrls.mask(url) + ", started in " + TestDatabases.seconds(t0));
    }

    static Server mariadb() {
        long t0 = System.nanoTime();
        // MariaDBContainer expects the MariaDB driver; Syncwright uses Connector/J for both families.
        MariaDBContainer db = new MariaDBContainer(MARIADB_IMAGE) {
            @Override
            public String getDriverClassName() {
                return "com.mysql.cj.jdbc.Driver";
            }

            @Override
            public String getJdbcUrl() {
                return super.getJdbcUrl().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");
            }
        };
        db.withUsername("root").withPassword("test");
        db.start();
        Cleanup.serverStarted("MariaDB container", db::stop);
        String url = JdbcUrls.withParameter(JdbcUrls.withParameter(db.getJdbcUrl(), "user", "root"),
                "password", "test");
        return new Server(Engine.MARIADB, "mariadb", url,
                "Testcontainers " + MARIADB_IMAGE + " at " + JdbcUrls.mask(url) + ", started in " + TestDatabases.seconds(t0));
    }
}
