package dev.syncwright.jdbc;

/** The PostgreSQL tests of {@link PostgresFidelityTest} with the server's scope captured from the log (ADR 065), not by triggers. */
class PostgresLogicalFidelityTest extends PostgresFidelityTest {
    @Override
    String capture() {
        return "logical";
    }
}
