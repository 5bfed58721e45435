package dev.syncwright.testing;

import java.util.Locale;

/** The server families {@link TestDatabases} can provide, with where their URL is configured. */
enum Engine {
    POSTGRESQL("PostgreSQL", "SYNCWRIGHT_TEST_PG_URL"),
    MARIADB("MariaDB", "SYNCWRIGHT_TEST_MYSQL_URL");

    final String displayName;
    final String envVar;
    /** {@code SYNCWRIGHT_TEST_PG_URL} becomes {@code syncwright.test.pg.url}. */
    final String systemProperty;

    Engine(String displayName, String envVar) {
        this.displayName = displayName;
        this.envVar = envVar;
        this.systemProperty = envVar.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The system property wins over the environment variable; blank counts as unset. */
    String configuredUrl() {
        String value = System.getProperty(systemProperty);
        if (value == null || value.isBlank()) {
            value = System.getenv(envVar);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
