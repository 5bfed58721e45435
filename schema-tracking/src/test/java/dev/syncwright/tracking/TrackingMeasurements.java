package dev.syncwright.tracking;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * First measurements for the issue (the benchmarks module makes them permanent): backfill of 1M rows and
 * the tracked/untracked time ratio of 100k-row INSERT, UPDATE, DELETE statements. Prints, never asserts
 * (DESIGN §7). Run: {@code ./mvnw -pl schema-tracking test -Dtest=TrackingMeasurements -Dsyncwright.measure=true}.
 */
@EnabledIfSystemProperty(named = "syncwright.measure", matches = "true")
class TrackingMeasurements {
    private static final int BACKFILL_ROWS = Integer.getInteger("syncwright.measure.backfill", 1_000_000);
    private static final int BULK_ROWS = Integer.getInteger("syncwright.measure.bulk", 100_000);

    @Test
    void postgres() throws Exception {
        measure(() -> TestDatabases.postgres("measure"), n -> "SELECT g, 'name ' || g, g % 100, g * 1.5 FROM generate_series(1, " + n + ") g");
    }

    @Test
    void sqlite() throws Exception {
        measure(() -> TestDatabases.sqlite("measure"), n -> "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < "
                + n + ") SELECT g, 'name ' || g, g % 100, g * 1.5 FROM s");
    }

    private interface Rows {
        String select(int n);
    }

    private void measure(Supplier<TestDatabase> create, Rows rows) throws Exception {
        try (TestDatabase db = create.get(); Connection c = db.connect(); Statement s = c.createStatement()) {
            Provisioner p = Provisioner.of(db.dataSource());
            String id = p.dialect().id();
            s.execute(table("big"));
            s.execute("INSERT INTO big " + rows.select(BACKFILL_ROWS));
            long t0 = System.nanoTime();
            p.provision(SyncScope.named("big").tables("big").build());
            System.out.printf(Locale.ROOT, "[measure] %s backfill of %,d rows (provision incl. triggers and indexes): %.2f s%n", id,
                    BACKFILL_ROWS, (System.nanoTime() - t0) / 1e9);

            s.execute(table("plain"));
            s.execute(table("tracked"));
            p.provision(SyncScope.named("bulk").tables("tracked").build());
            for (int round = 0; round < 2; round++) {  // round 0 warms up
                double[] plain = bulk(s, "plain", rows);
                double[] tracked = bulk(s, "tracked", rows);
                if (round == 1) {
                    String[] op = {"INSERT", "UPDATE", "DELETE"};
                    for (int i = 0; i < 3; i++) {
                        System.out.printf(Locale.ROOT, "[measure] %s %s of %,d rows: untracked %.3f s, tracked %.3f s, ratio %.2f%n",
                                id, op[i], BULK_ROWS, plain[i], tracked[i], tracked[i] / plain[i]);
                    }
                }
                s.execute("DELETE FROM " + p.dialect().names().trackingTable(
                        new dev.syncwright.dialect.TableName(id.equals("postgres") ? "public" : null, "tracked")));
            }
            p.deprovision("bulk");
            p.deprovision("big");
        }
    }

    private static String table(String name) {
        return "CREATE TABLE " + name + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(50), b INTEGER, c NUMERIC(12,2))";
    }

    private static double[] bulk(Statement s, String t, Rows rows) throws SQLException {
        double[] out = new double[3];
        long t0 = System.nanoTime();
        s.executeUpdate("INSERT INTO " + t + " " + rows.select(BULK_ROWS));
        out[0] = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        s.executeUpdate("UPDATE " + t + " SET b = b + 1");
        out[1] = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        s.executeUpdate("DELETE FROM " + t);
        out[2] = (System.nanoTime() - t0) / 1e9;
        return out;
    }
}
