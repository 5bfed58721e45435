package dev.syncwright.bench;

import dev.syncwright.dialect.TableName;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The triggers group, per dialect: bulk INSERT, UPDATE and DELETE on a tracked table against an
 * untracked copy in the same database, and the size of the tracking table a bulk insert leaves. Three
 * more copies measure the floor under the tracked figure ({@link TriggerFloor}): empty triggers,
 * triggers that only append a key to a side table, and triggers that upsert one row per key.
 */
final class TriggerScenario {
    private final Config cfg;

    TriggerScenario(Config cfg) {
        this.cfg = cfg;
    }

    void run(String kind, Supplier<TestDatabase> create, Map<String, Object> out, Map<String, Object> meta) throws Exception {
        try (TestDatabase db = create.get(); Connection c = db.connect(); Statement s = c.createStatement()) {
            Provisioner p = Provisioner.of(db.dataSource());
            String schema = kind.equals("postgresql") ? "public" : null;
            s.execute(bulkTable("plain"));
            s.execute(bulkTable("tracked"));
            p.provision(SyncScope.named("bulk").tables("tracked").build());
            String tracking = p.dialect().names().trackingTable(new TableName(schema, "tracked"));
            String select = generator(kind, s, cfg.bulkRows);
            // storage: a fresh tracked table filled by one INSERT (no dead rows from the timed rounds)
            s.execute(bulkTable("sized"));
            p.provision(SyncScope.named("sized").tables("sized").build());
            s.executeUpdate("INSERT INTO sized " + select);
            Map<String, Object> sizes = SizeProbes.of(kind, db, c, "sized", schema, cfg.bulkRows);
            // the floor (issue 14 item 5): the same statements under empty triggers and under a bare side-table write
            s.execute(bulkTable(TriggerFloor.EMPTY));
            s.execute(bulkTable(TriggerFloor.SIDE));
            s.execute(bulkTable(TriggerFloor.KEYED));
            for (String ddl : TriggerFloor.ddl(kind)) {
                s.execute(ddl);
            }
            String[] ops = {"insert", "update", "delete"};
            String[] tables = {"plain", TriggerFloor.EMPTY, TriggerFloor.SIDE, TriggerFloor.KEYED, "tracked"};
            List<List<List<Double>>> times = new ArrayList<>();
            for (int v = 0; v < tables.length; v++) {
                times.add(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            }
            for (int round = 0; round < cfg.warmups + cfg.reps; round++) {
                boolean measured = round >= cfg.warmups;
                // interleaved within each round, so load on the shared machine hits every variant alike
                double[][] t = new double[tables.length][];
                for (int v = 0; v < tables.length; v++) {
                    // between the tracked INSERT and UPDATE, a watermark as a sync would take: on MySQL/MariaDB
                    // it stamps the pending rows, so the UPDATE and DELETE pay for marking them pending again
                    Runnable settle = tables[v].equals("tracked") ? () -> p.dialect().ticks().safeWatermark(c) : () -> {};
                    t[v] = bulk(s, tables[v], select, settle);
                    if (measured) {
                        for (int i = 0; i < 3; i++) {
                            times.get(v).get(i).add(t[v][i]);
                        }
                    }
                }
                s.executeUpdate("DELETE FROM tracked");
                s.executeUpdate("DELETE FROM " + tracking);
                s.executeUpdate("DELETE FROM " + TriggerFloor.LOG);
                s.executeUpdate("DELETE FROM " + TriggerFloor.KEYS);
                Bench.log("triggerOverhead %s %s %d: plain %s s, empty trigger %s s, side table %s s, keyed table %s s, tracked %s s",
                        kind, measured ? "rep" : "warm-up", round + 1, Bench.fmt(t[0]), Bench.fmt(t[1]), Bench.fmt(t[2]),
                        Bench.fmt(t[3]), Bench.fmt(t[4]));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", cfg.bulkRows);
            m.put("reps", cfg.reps);
            boolean met = true;
            for (int i = 0; i < 3; i++) {
                double mp = Bench.median(times.get(0).get(i));
                double me = Bench.median(times.get(1).get(i));
                double ms = Bench.median(times.get(2).get(i));
                double mk = Bench.median(times.get(3).get(i));
                double mt = Bench.median(times.get(4).get(i));
                double ratio = mt / mp;
                Map<String, Object> op = new LinkedHashMap<>();
                op.put("untrackedSeconds", Bench.round(mp));
                op.put("trackedSeconds", Bench.round(mt));
                op.put("ratio", Bench.round(ratio));
                op.put("trackedMicrosPerRow", Bench.round((mt - mp) * 1e6 / cfg.bulkRows));
                double limit = i == 2 ? 3.0 : 2.0;
                op.put("target", "ratio <= " + limit);
                op.put("met", ratio <= limit);
                met &= ratio <= limit;
                op.put("emptyTriggerSeconds", Bench.round(me));
                op.put("emptyTriggerRatio", Bench.round(me / mp));
                op.put("emptyTriggerMicrosPerRow", Bench.round((me - mp) * 1e6 / cfg.bulkRows));
                op.put("sideTableSeconds", Bench.round(ms));
                op.put("sideTableRatio", Bench.round(ms / mp));
                op.put("sideTableMicrosPerRow", Bench.round((ms - mp) * 1e6 / cfg.bulkRows));
                op.put("keyedTableSeconds", Bench.round(mk));
                op.put("keyedTableRatio", Bench.round(mk / mp));
                op.put("keyedTableMicrosPerRow", Bench.round((mk - mp) * 1e6 / cfg.bulkRows));
                m.put(ops[i], op);
            }
            m.put("met", met);
            out.put(kind, m);
            meta.put(kind + ".bulkTable", sizes);
            p.deprovision("bulk");
            p.deprovision("sized");
        }
    }

    static String bulkTable(String name) {
        return "CREATE TABLE " + name + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(50), b INTEGER, c NUMERIC(12,2))";
    }

    static String generator(String kind, Statement s, int n) throws SQLException {
        return switch (kind) {
            case "postgresql" -> "SELECT g, 'name ' || g, g % 100, g * 1.5 FROM generate_series(1, " + n + ") g";
            case "sqlite" -> "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < " + n
                    + ") SELECT g, 'name ' || g, g % 100, g * 1.5 FROM s";
            default -> {
                // MariaDB's SEQUENCE engine; MySQL: a recursive CTE
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM seq_1_to_2")) {
                    yield "SELECT seq, CONCAT('name ', seq), seq % 100, seq * 1.5 FROM seq_1_to_" + n;
                } catch (SQLException noSequenceEngine) {
                    s.execute("SET SESSION cte_max_recursion_depth = " + (n + 1));
                    yield "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < " + n
                            + ") SELECT g, CONCAT('name ', g), g % 100, g * 1.5 FROM s";
                }
            }
        };
    }

    /** Times the three statements; {@code settle} runs, untimed, between the INSERT and the UPDATE. */
    private static double[] bulk(Statement s, String table, String select, Runnable settle) throws SQLException {
        double[] out = new double[3];
        long t0 = System.nanoTime();
        s.executeUpdate("INSERT INTO " + table + " " + select);
        out[0] = (System.nanoTime() - t0) / 1e9;
        settle.run();
        t0 = System.nanoTime();
        s.executeUpdate("UPDATE " + table + " SET b = b + 1");
        out[1] = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        s.executeUpdate("DELETE FROM " + table);
        out[2] = (System.nanoTime() - t0) / 1e9;
        return out;
    }
}
