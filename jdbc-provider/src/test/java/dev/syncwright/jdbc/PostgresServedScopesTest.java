package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.util.List;

class PostgresServedScopesTest extends ServedScopesContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.postgres(hint);
    }

    @Override
    int probeStatements() {
        return 1;
    }

    @Override
    List<Break> breaks() {
        return List.of(
                new Break("a trigger disabled", new String[] {"ALTER TABLE items DISABLE TRIGGER syncwright_upd"},
                        new String[] {"ALTER TABLE items ENABLE TRIGGER syncwright_upd"}),
                new Break("a column retyped", new String[] {"ALTER TABLE items ALTER COLUMN name TYPE VARCHAR(80)"},
                        new String[] {"ALTER TABLE items ALTER COLUMN name TYPE VARCHAR(40)"}),
                new Break("a column renamed", new String[] {"ALTER TABLE items RENAME COLUMN name TO label"},
                        new String[] {"ALTER TABLE items RENAME COLUMN label TO name"}),
                new Break("the tracking table renamed", new String[] {"ALTER TABLE syncwright.\"public.items\" RENAME TO gone"},
                        new String[] {"ALTER TABLE syncwright.gone RENAME TO \"public.items\""}));
    }
}
