package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class MariaDbProviderTest extends ProviderContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.mariadb(hint);
    }

    @Override
    String serverDdl() {
        return """
                CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, email TEXT, phone TEXT) ENGINE=InnoDB;
                CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, total DECIMAL(12,2),
                  FOREIGN KEY (customer_id) REFERENCES customers(id)) ENGINE=InnoDB
                """;
    }
}
