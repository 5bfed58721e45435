package dev.syncwright.testing;

import java.util.function.Function;

class MariaDbTestDatabaseTest extends ServerDatabaseContract {

    @Override
    Function<String, TestDatabase> factory() {
        return TestDatabases::mariadb;
    }

    @Override
    java.util.List<String> expectedKinds() {
        return java.util.List.of("mariadb", "mysql" /* a MySQL server configured by URL */);
    }

    @Override
    String countDatabasesSql() {
        return "SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?";
    }
}
