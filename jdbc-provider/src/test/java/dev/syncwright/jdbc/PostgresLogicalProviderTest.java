package dev.syncwright.jdbc;

/** The PostgreSQL tests of {@link PostgresProviderTest} with the server's scope captured from the log (ADR 065), not by triggers. */
class PostgresLogicalProviderTest extends PostgresProviderTest {
    @Override
    String capture() {
        return "logical";
    }
}
