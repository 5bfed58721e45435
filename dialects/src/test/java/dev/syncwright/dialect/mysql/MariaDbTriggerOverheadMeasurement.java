package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.Jdbc;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A first measurement (not an assertion; the benchmarks module makes it permanent): bulk INSERT,
 * UPDATE and DELETE of N rows on a tracked table against the same table untracked, and the time
 * the next stamping takes. Run with {@code -Dsyncwright.measure=true [-Dsyncwright.measure.rows=N]}.
 */
@EnabledIfSystemProperty(named = "syncwright.measure", matches = "true")
class MariaDbTriggerOverheadMeasurement {

    @Test
    void bulkStatements() throws Exception {
        int n = Integer.getInteger("syncwright.measure.rows", 100_000);
        try (MariaDbTestDb db = MariaDbTestDb.create("overhead"); Connection c = db.connect(); Statement s = c.createStatement()) {
            MySqlDialect d = db.dialect();
            for (String t : new String[] {"plain", "tracked"}) {
                s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, name VARCHAR(40), qty INT, price DECIMAL(10,2))");
            }
            for (SqlStatement st : d.tracking().createSyncObjects()) {
                Jdbc.execute(c, st);
            }
            TableDefinition def = d.schema().read(c, d.schema().resolve(c, "tracked").orElseThrow());
            for (SqlStatement st : d.tracking().provisionTable(def)) {
                Jdbc.execute(c, st);
            }
            String[] ops = {
                "INSERT INTO %s SELECT seq, CONCAT('name ', seq), MOD(seq, 100), seq / 7 FROM seq_1_to_" + n,
                "UPDATE %s SET qty = qty + 1",
                "DELETE FROM %s"};
            String[] labels = {"INSERT", "UPDATE", "DELETE"};
            for (int i = 0; i < ops.length; i++) {
                long plain = time(s, ops[i].formatted("plain"));
                long tracked = time(s, ops[i].formatted("tracked"));
                long t0 = System.nanoTime();
                d.ticks().safeWatermark(c);
                long stamp = System.nanoTime() - t0;
                System.out.printf("MariaDB %,d-row %s: untracked %.0f ms, tracked %.0f ms, ratio %.2f; stamping afterwards %.0f ms%n",
                        n, labels[i], plain / 1e6, tracked / 1e6, (double) tracked / plain, stamp / 1e6);
            }
        }
    }

    private static long time(Statement s, String sql) throws Exception {
        long t0 = System.nanoTime();
        s.execute(sql);
        return System.nanoTime() - t0;
    }
}
