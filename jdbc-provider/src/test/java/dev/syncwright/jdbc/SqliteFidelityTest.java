package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

/** SQLite as the server ("a small server"): its triggers, defaults, generated columns and cascades. */
class SqliteFidelityTest extends FidelityContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.sqlite(hint);
    }

    /** A SQLite server enforces its foreign keys, as any application using them turns them on. */
    @Override
    javax.sql.DataSource serverDataSource(TestDatabase db) {
        org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
        cfg.enforceForeignKeys(true);
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(cfg);
        ds.setUrl(db.jdbcUrl());
        return ds;
    }

    /** SQLite's BEFORE triggers cannot change NEW: an AFTER trigger updates the row instead. */
    @Override
    String[] triggerThatRewritesARow() {
        return new String[] {"CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT)",
            "CREATE TRIGGER items_seen_i AFTER INSERT ON items BEGIN UPDATE items SET note = 'seen:' || NEW.name WHERE id = NEW.id; END",
            "CREATE TRIGGER items_seen_u AFTER UPDATE OF name ON items BEGIN UPDATE items SET note = 'seen:' || NEW.name WHERE id = NEW.id; END"};
    }

    @Override
    String[] serverOnlyDefault() {
        return new String[] {"CREATE TABLE filled (id INTEGER PRIMARY KEY, name TEXT, code TEXT NOT NULL DEFAULT (hex(randomblob(8))))"};
    }

    @Override
    String[] generatedColumn() {
        return new String[] {"CREATE TABLE priced (id INTEGER PRIMARY KEY, qty INT NOT NULL, price INT NOT NULL, "
                + "total INT GENERATED ALWAYS AS (qty * price) STORED)"};
    }

    @Override
    String[] triggerThatWritesAnotherTable() {
        return new String[] {"CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT)",
            "CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT)",
            "CREATE TRIGGER orders_audit AFTER INSERT ON orders BEGIN INSERT INTO audit (what) VALUES ('order ' || NEW.id); END"};
    }

    @Override
    String[] cascades() {
        return new String[] {"CREATE TABLE parent (id INTEGER PRIMARY KEY)",
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id BIGINT REFERENCES parent (id) ON DELETE CASCADE)",
            "CREATE TABLE kid (id INTEGER PRIMARY KEY, parent_id BIGINT REFERENCES parent (id) ON DELETE SET NULL)",
            "CREATE TABLE ward (id INTEGER PRIMARY KEY, parent_id BIGINT DEFAULT 3 REFERENCES parent (id) ON DELETE SET DEFAULT)"};
    }

    @Override
    boolean hasSetDefault() {
        return true;
    }

    @Override
    String alterColumnType(String table, String column, String type) {
        return null;
    }

    @Override
    String[] serverCheck() {
        return new String[] {"CREATE TABLE checked (id INTEGER PRIMARY KEY, qty INT CONSTRAINT qty_not_negative CHECK (qty >= 0))"};
    }
}
