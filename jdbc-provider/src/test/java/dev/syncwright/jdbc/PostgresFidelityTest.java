package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class PostgresFidelityTest extends FidelityContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.postgres(hint);
    }

    @Override
    String[] triggerThatRewritesARow() {
        return new String[] {"CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, note text)",
            "CREATE FUNCTION seen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := 'seen:' || NEW.name; RETURN NEW; END $$",
            "CREATE TRIGGER items_seen BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION seen()"};
    }

    @Override
    String[] serverOnlyDefault() {
        return new String[] {"CREATE TABLE filled (id bigint PRIMARY KEY, name text, code text NOT NULL DEFAULT md5(random()::text))"};
    }

    @Override
    String[] generatedColumn() {
        return new String[] {"CREATE TABLE priced (id bigint PRIMARY KEY, qty int NOT NULL, price int NOT NULL, "
                + "total int GENERATED ALWAYS AS (qty * price) STORED)"};
    }

    @Override
    String[] triggerThatWritesAnotherTable() {
        return new String[] {"CREATE TABLE orders (id bigint PRIMARY KEY, item text)",
            "CREATE TABLE audit (id serial PRIMARY KEY, what text)",
            "CREATE FUNCTION audited() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "INSERT INTO audit (what) VALUES ('order ' || NEW.id); RETURN NULL; END $$",
            "CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audited()"};
    }

    @Override
    String[] cascades() {
        return new String[] {"CREATE TABLE parent (id bigint PRIMARY KEY)",
            "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent (id) ON DELETE CASCADE)",
            "CREATE TABLE kid (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent (id) ON DELETE SET NULL)"};
    }

    @Override
    String[] serverCheck() {
        return new String[] {"CREATE TABLE checked (id bigint PRIMARY KEY, qty int CONSTRAINT qty_not_negative CHECK (qty >= 0))"};
    }
}
