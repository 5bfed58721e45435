package dev.syncwright.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.dialect.TableName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A seeded model test of logical capture (ADR 065) against an oracle: the triggers. Two tables of one
 * shape, one tracked by triggers, one captured from the log, receive the same random transactions
 * (inserts, updates of some columns, to the same value, to NULL, of the key, of many rows, deletes,
 * and writes of the provider's own). After each transaction the capture drains, and the set of
 * (row, field) whose version moved must be the same in both: creation, deletion and each column's
 * version, for exactly the rows and columns the transaction changed; the provider's own writes in
 * neither. Seed: {@code -Dsyncwright.model.seed}; transactions: {@code -Dsyncwright.model.steps} (300).
 */
class PostgresLogicalModelTest extends PostgresLogicalSupport {
    private static final String[] FIELDS = {"sw_cv", "sw_dv", "sw_v0", "sw_v1", "sw_v2"};

    @Test
    void theCaptureMovesExactlyTheVersionsTheTriggersMove() throws SQLException {
        long seed = Long.getLong("syncwright.model.seed", System.nanoTime());
        int steps = Integer.getInteger("syncwright.model.steps", 300);
        for (String t : List.of("trig", "logi")) {
            sql("CREATE TABLE " + t + " (id int PRIMARY KEY, a text, b int, c jsonb)",
                    "INSERT INTO " + t + " SELECT i, 'a' || i, i, '{\"k\": 1}' FROM generate_series(1, 20) i");
        }
        provisioner.provision(SyncScope.named("trig").tables("trig").build());
        provisioner.provision(SyncScope.named("logi").tables("logi").build(), "logical");
        Random rnd = new Random(seed);
        long[] last = {max("trig"), max("logi")};
        int nextId = 21;
        for (int step = 0; step < steps; step++) {
            List<String> statements = new ArrayList<>();
            int n = 1 + rnd.nextInt(4);
            for (int k = 0; k < n; k++) {
                int id = 1 + rnd.nextInt(nextId);
                switch (rnd.nextInt(9)) {
                    case 0, 1 -> statements.add("INSERT INTO %s VALUES (" + nextId++ + ", 'n', " + rnd.nextInt(3) + ", NULL)");
                    case 2 -> statements.add("UPDATE %s SET a = '" + rnd.nextInt(3) + "' WHERE id = " + id);
                    case 3 -> statements.add("UPDATE %s SET b = b WHERE id = " + id); // same value: no change
                    case 4 -> statements.add("UPDATE %s SET b = " + (rnd.nextBoolean() ? "NULL" : "" + rnd.nextInt(3))
                            + ", c = '{\"k\": " + rnd.nextInt(2) + "}' WHERE id % 7 = " + rnd.nextInt(7));
                    case 5 -> statements.add("DELETE FROM %s WHERE id = " + id);
                    case 6 -> statements.add("UPDATE %s SET id = " + nextId++ + " WHERE id = " + id);
                    case 7 -> statements.add("OWN UPDATE %s SET a = 'provider', b = 7 WHERE id = " + id);
                    default -> statements.add("UPDATE %s SET a = a || 'x', c = NULL WHERE id IN (" + id + ", " + (id + 1) + ")");
                }
            }
            boolean rollback = rnd.nextInt(10) == 0;
            for (String t : List.of("trig", "logi")) {
                run(t, statements, rollback);
            }
            try (Connection c = db.connect()) {
                dialect.changeCapture().orElseThrow().drain(c, "logi", provisioner.definition("logi").orElseThrow().tables());
            }
            Set<String> byTriggers = moved("trig", last[0]);
            Set<String> byCapture = moved("logi", last[1]);
            assertThat(byCapture).as("seed %d, step %d: %s%s", seed, step, statements, rollback ? " (rolled back)" : "")
                    .isEqualTo(byTriggers);
            last[0] = max("trig");
            last[1] = max("logi");
        }
        assertThat(rows("trig")).as("seed %d: the same rows at the end", seed).isEqualTo(rows("logi"));
    }

    private void run(String table, List<String> statements, boolean rollback) throws SQLException {
        TableName name = table(table);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String st : statements) {
                boolean own = st.startsWith("OWN ");
                if (own) {
                    dialect.suppressTracking(c, name);
                    dialect.changeCapture().orElseThrow().ownWrites(c, name);
                }
                s.executeUpdate((own ? st.substring(4) : st).replace("%s", table));
                if (own) {
                    dialect.suppressTracking(c, null);
                    dialect.changeCapture().orElseThrow().ownWrites(c, null);
                }
            }
            if (rollback) {
                c.rollback();
            } else {
                c.commit();
            }
        }
    }

    private long max(String table) throws SQLException {
        return count("SELECT coalesce(max(sw_tick), 0) FROM syncwright.\"public." + table + "\"");
    }

    /** "id field" for every version above {@code after}. */
    private Set<String> moved(String table, long after) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, " + String.join(", ", FIELDS) + " FROM syncwright.\"public." + table + "\" WHERE sw_tick > " + after)) {
            while (rs.next()) {
                for (int i = 0; i < FIELDS.length; i++) {
                    long v = rs.getLong(i + 2);
                    if (!rs.wasNull() && v > after) {
                        out.add(rs.getInt(1) + " " + FIELDS[i]);
                    }
                }
            }
        }
        return out;
    }

    private List<String> rows(String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT t.id, t.sw_dv IS NULL, t.sw_v0 IS NULL, t.sw_v1 IS NULL, t.sw_v2 IS NULL, b.a, b.b, b.c::text FROM syncwright.\"public."
                        + table + "\" t LEFT JOIN " + table + " b ON b.id = t.id ORDER BY t.id")) {
            while (rs.next()) {
                StringBuilder r = new StringBuilder();
                for (int i = 1; i <= 8; i++) {
                    r.append(rs.getString(i)).append('|');
                }
                out.add(r.toString());
            }
        }
        return out;
    }
}
