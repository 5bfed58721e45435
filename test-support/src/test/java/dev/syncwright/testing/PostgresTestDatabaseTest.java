package dev.syncwright.testing;

import java.util.function.Function;

class PostgresTestDatabaseTest extends ServerDatabaseContract {

    @Override
    Function<String, TestDatabase> factory() {
        return TestDatabases::postgres;
    }

    @Override
    java.util.List<String> expectedKinds() {
        return java.util.List.of("postgresql");
    }

    @Override
    String countDatabasesSql() {
        return "SELECT count(*) FROM pg_database WHERE datname = ?";
    }
}
