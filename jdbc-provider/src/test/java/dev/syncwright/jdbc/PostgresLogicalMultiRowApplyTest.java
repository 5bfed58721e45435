package dev.syncwright.jdbc;

/** The PostgreSQL tests of {@link PostgresMultiRowApplyTest} with the server's scope captured from the log (ADR 065), not by triggers. */
class PostgresLogicalMultiRowApplyTest extends PostgresMultiRowApplyTest {
    @Override
    String capture() {
        return "logical";
    }
}
