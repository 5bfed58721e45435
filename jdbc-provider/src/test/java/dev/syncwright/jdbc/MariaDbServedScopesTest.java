package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.util.List;

class MariaDbServedScopesTest extends ServedScopesContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.mariadb(hint);
    }

    /** The session setup and the watermark (MySqlTicks) take more statements here than on PostgreSQL; the full check took 19. */
    @Override
    int startStatements() {
        return 10;
    }

    /** The session's time zone, the fingerprint, the watermark (the tracking tables, their pending rows, the clock), and one read. */
    @Override
    int probeStatements() {
        return 9;
    }

    @Override
    List<Break> breaks() {
        // triggers cannot be disabled here: one dropped (and put back by provisioning) is the same fault
        String update = "syncwright_au_items";
        return List.of(
                new Break("a trigger dropped", new String[] {"DROP TRIGGER " + update}, null),
                new Break("a column retyped", new String[] {"ALTER TABLE items MODIFY name VARCHAR(80)"},
                        new String[] {"ALTER TABLE items MODIFY name VARCHAR(40)"}),
                new Break("a column renamed", new String[] {"ALTER TABLE items RENAME COLUMN name TO label"},
                        new String[] {"ALTER TABLE items RENAME COLUMN label TO name"}),
                new Break("the tracking table renamed", new String[] {"RENAME TABLE syncwright_trk_items TO gone"},
                        new String[] {"RENAME TABLE gone TO syncwright_trk_items"}));
    }
}
