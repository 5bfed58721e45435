package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class PostgresProviderTest extends ProviderContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.postgres(hint);
    }

    @Override
    String serverDdl() {
        return """
                CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, email TEXT, phone TEXT);
                CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(id), total NUMERIC(12,2))
                """;
    }
}
