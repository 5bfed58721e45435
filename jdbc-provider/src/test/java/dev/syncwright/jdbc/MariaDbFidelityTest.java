package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class MariaDbFidelityTest extends FidelityContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.mariadb(hint);
    }

    @Override
    String[] triggerThatRewritesARow() {
        return new String[] {"CREATE TABLE items (id bigint PRIMARY KEY, name varchar(100) NOT NULL, note varchar(200))",
            "CREATE TRIGGER items_seen_i BEFORE INSERT ON items FOR EACH ROW SET NEW.note = CONCAT('seen:', NEW.name)",
            "CREATE TRIGGER items_seen_u BEFORE UPDATE ON items FOR EACH ROW SET NEW.note = CONCAT('seen:', NEW.name)"};
    }

    @Override
    String[] onUpdateColumn() {
        return new String[] {"CREATE TABLE stamped (id bigint PRIMARY KEY, name varchar(100), "
                + "changed TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6))"};
    }

    @Override
    String[] serverOnlyDefault() {
        return new String[] {"CREATE TABLE filled (id bigint PRIMARY KEY, name varchar(100), code varchar(64) NOT NULL DEFAULT (UUID()))"};
    }

    @Override
    String[] generatedColumn() {
        return new String[] {"CREATE TABLE priced (id bigint PRIMARY KEY, qty int NOT NULL, price int NOT NULL, "
                + "total int AS (qty * price) PERSISTENT)"};
    }

    @Override
    String[] triggerThatWritesAnotherTable() {
        return new String[] {"CREATE TABLE orders (id bigint PRIMARY KEY, item varchar(100))",
            "CREATE TABLE audit (id bigint AUTO_INCREMENT PRIMARY KEY, what varchar(100))",
            "CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW INSERT INTO audit (what) VALUES (CONCAT('order ', NEW.id))"};
    }

    @Override
    String[] cascades() {
        return new String[] {"CREATE TABLE parent (id bigint PRIMARY KEY)",
            "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint, FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE)",
            "CREATE TABLE kid (id bigint PRIMARY KEY, parent_id bigint, FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL)"};
    }

    @Override
    String[] serverCheck() {
        return new String[] {"CREATE TABLE checked (id bigint PRIMARY KEY, qty int, CONSTRAINT qty_not_negative CHECK (qty >= 0))"};
    }
}
