package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ADR 062: an applied batch updates its rows many per statement. Each row must still get exactly the
 * columns its change carries (a column another row of the same statement carries, or NULL, must not
 * reach it), the provider's own writes must not come back as the destination's changes, and a row the
 * database refuses in the middle of a statement must leave nothing of itself applied while the rest
 * is. Rows: {@value #ROWS}, more than one statement's worth, in one batch.
 */
abstract class MultiRowApplyContract extends ReplicaHarness {
    static final int ROWS = 600;

    /** The table of these tests, the same on every database; the server's CHECK is not copied to clients. */
    private static final String TABLE = "CREATE TABLE wide (id BIGINT PRIMARY KEY, a VARCHAR(40), b INTEGER, c NUMERIC(10,2), "
            + "d TEXT, e DATE, qty INTEGER, CONSTRAINT qty_not_negative CHECK (qty >= 0))";

    /** A text type that holds 600 kB (MariaDB's TEXT holds 64 kB). */
    String largeText() {
        return "TEXT";
    }

    private Client seeded() throws SQLException {
        exec(sds, TABLE);
        StringBuilder insert = new StringBuilder("INSERT INTO wide (id, a, b, c, d, e, qty) VALUES ");
        for (int i = 1; i <= ROWS; i++) {
            insert.append(i > 1 ? ", " : "").append("(").append(i).append(", 'a").append(i).append("', ").append(i).append(", ")
                    .append(i).append(".25, ").append(i % 2 == 0 ? "'d" + i + "'" : "NULL").append(", '2024-01-01', ").append(i)
                    .append(")");
        }
        exec(sds, insert.toString());
        provision("wide");
        Client a = client();
        sync(a);
        return a;
    }

    private SyncResult upload(Client c) {
        return SyncOrchestrator.between(c.provider(), serverProvider).direction(SyncDirection.UPLOAD).batchSizeRows(ROWS * 2)
                .conflicts(ConflictPolicy.SERVER_WINS).run();
    }

    private SyncResult download(Client c) {
        return SyncOrchestrator.between(c.provider(), serverProvider).direction(SyncDirection.DOWNLOAD).batchSizeRows(ROWS * 2)
                .conflicts(ConflictPolicy.SERVER_WINS).run();
    }

    /**
     * Three groups of rows change three different sets of columns (to values and to NULL) in one
     * upload; the server then holds every row with exactly its own changes, and sends none of them
     * back: the triggers did not take the provider's writes for the server's own changes.
     */
    @Test
    void eachRowOfAStatementGetsItsOwnColumnsAndNoneComesBack() throws SQLException {
        Client a = seeded();
        exec(a.ds(), "UPDATE wide SET a = 'A' || id WHERE id <= 200",
                "UPDATE wide SET c = id + 0.5, e = '2025-02-03' WHERE id > 200 AND id <= 400",
                // to NULL and from NULL in the same statement, with another column of another type
                "UPDATE wide SET d = CASE WHEN d IS NULL THEN 'new' || id ELSE NULL END, b = -id WHERE id > 400");
        SyncResult up = upload(a);
        assertThat(up.upload().applied()).isEqualTo(ROWS);
        assertThat(up.upload().deferred()).isZero();

        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            String av = i <= 200 ? "A" + i : "a" + i;
            String bv = String.valueOf(i > 400 ? -i : i);
            String cv = new java.math.BigDecimal(i + (i > 200 && i <= 400 ? ".5" : ".25")).stripTrailingZeros().toPlainString();
            String dv = i > 400 ? (i % 2 == 0 ? "null" : "new" + i) : (i % 2 == 0 ? "d" + i : "null");
            expected.add(i + "|" + av + "|" + bv + "|" + cv + "|" + dv + "|" + i);
        }
        assertThat(rows(sds, "SELECT id, a, b, c, d, qty FROM wide ORDER BY id")).containsExactlyElementsOf(expected);
        assertThat(rows(sds, "SELECT count(*) FROM wide WHERE e <> '2024-01-01'")).containsExactly("200");

        SyncResult back = download(a);
        assertThat(back.download().sent()).as("the server's copies of the client's changes, sent back").isZero();
        assertConverged(a);
    }

    /**
     * The server changes one column of every row while the client changes others of the same rows:
     * the upload's statements carry only the client's columns, so the server's stay, and both
     * replicas end with both.
     */
    @Test
    void columnsARowsChangeDoesNotCarryKeepTheDestinationsValues() throws SQLException {
        Client a = seeded();
        exec(sds, "UPDATE wide SET b = b + 1000, d = 'server'");
        exec(a.ds(), "UPDATE wide SET a = 'client' || id WHERE id % 2 = 0", "UPDATE wide SET qty = qty + 7 WHERE id % 2 = 1");
        SyncResult up = upload(a);
        assertThat(up.upload().applied()).isEqualTo(ROWS);
        assertThat(up.upload().conflictsByKind()).as("different columns: no conflict").doesNotContainKey(ConflictKind.UPDATE_UPDATE);

        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            expected.add(i + "|" + (i % 2 == 0 ? "client" + i : "a" + i) + "|" + (i + 1000) + "|server|" + (i % 2 == 1 ? i + 7 : i));
        }
        assertThat(rows(sds, "SELECT id, a, b, d, qty FROM wide ORDER BY id")).containsExactlyElementsOf(expected);
        assertConverged(a);
        assertThat(rows(a.ds(), "SELECT id, a, b, d, qty FROM wide ORDER BY id")).containsExactlyElementsOf(expected);
    }

    /**
     * One row in the middle of the batch breaks the server's CHECK: the statement that carried it
     * fails as a whole, and the batch is applied again without it. That row keeps every column it
     * had (nothing of the change half-applied, not even the column the server accepts), the others
     * are applied, and the conflict log names the table and the row's key.
     */
    @Test
    void aRowRefusedInTheMiddleOfAStatementLeavesNothingOfItselfApplied() throws SQLException {
        Client a = seeded();
        int bad = ROWS / 2 + 1;
        exec(a.ds(), "UPDATE wide SET a = 'changed', qty = CASE WHEN id = " + bad + " THEN -1 ELSE qty + 1 END");
        SyncResult up = upload(a);
        assertThat(up.upload().deferred()).isEqualTo(1);
        assertThat(up.upload().applied()).isEqualTo(ROWS - 1);
        assertThat(up.upload().conflictsByKind()).containsEntry(ConflictKind.CONSTRAINT, 1L);

        assertThat(rows(sds, "SELECT a, qty FROM wide WHERE id = " + bad)).containsExactly("a" + bad + "|" + bad);
        assertThat(rows(sds, "SELECT count(*) FROM wide WHERE a = 'changed' AND qty = id + 1")).containsExactly(String.valueOf(ROWS - 1));
        assertThat(serverProvider.conflicts(true)).singleElement().satisfies(c -> {
            assertThat(c.table()).isEqualTo(tableName("wide"));
            assertThat(c.keyJson()).isEqualTo("[" + bad + "]");
            assertThat(c.message()).contains(tableName("wide")).containsIgnoringCase("qty_not_negative");
        });

        // fixed on the client, the row flows, and nothing is left open
        exec(a.ds(), "UPDATE wide SET qty = 0 WHERE id = " + bad);
        assertThat(upload(a).upload().deferred()).isZero();
        assertThat(rows(sds, "SELECT a, qty FROM wide WHERE id = " + bad)).containsExactly("changed|0");
        assertThat(serverProvider.conflicts(true)).isEmpty();
        assertConverged(a);
    }

    /**
     * Rows of 600 kB each, updated and inserted, in one batch: a multi-row statement must stay
     * under what the server takes in one statement (MariaDB's max_allowed_packet is 16 MB by default,
     * and its driver writes the values into the statement's text).
     */
    @Test
    void largeValuesGoInStatementsTheServerTakes() throws SQLException {
        exec(sds, "CREATE TABLE docs (id BIGINT PRIMARY KEY, body " + largeText() + ")");
        StringBuilder insert = new StringBuilder("INSERT INTO docs (id, body) VALUES ");
        for (int i = 1; i <= 60; i++) {
            insert.append(i > 1 ? ", " : "").append("(").append(i).append(", 'small')");
        }
        exec(sds, insert.toString());
        provision("docs");
        Client a = client();
        sync(a);
        exec(a.ds(), "UPDATE docs SET body = id || hex(zeroblob(300000))",
                "INSERT INTO docs (id, body) SELECT id + 100, body FROM docs");
        // one batch of 72 MB (the default batch holds 8 MB)
        SyncResult up = SyncOrchestrator.between(a.provider(), serverProvider).direction(SyncDirection.UPLOAD).batchSizeRows(1000)
                .batchSizeBytes(128L << 20).run();
        assertThat(up.upload().applied()).isEqualTo(120);
        assertThat(up.upload().deferred()).isZero();
        assertThat(rows(sds, "SELECT count(*) FROM docs WHERE length(body) > 600000")).containsExactly("120");
    }
}
