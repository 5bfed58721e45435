package dev.syncwright.bench;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The logical group (issue 14 item 4, ADR 065): the bulk INSERT, UPDATE and DELETE of the triggers group on a
 * table captured from the log against an untracked copy, on a PostgreSQL with wal_level = logical; after each
 * statement on the captured table, the drain that writes its tracking rows, timed apart. A third copy tracked
 * by triggers on the same server puts the triggers' figure next to it.
 */
final class LogicalCaptureScenario {
    private static final String[] OPS = {"insert", "update", "delete"};
    private final Config cfg;

    LogicalCaptureScenario(Config cfg) {
        this.cfg = cfg;
    }

    void run(Supplier<TestDatabase> create, Map<String, Object> out) throws Exception {
        try (TestDatabase db = create.get(); Connection c = db.connect(); Statement s = c.createStatement()) {
            Provisioner p = Provisioner.of(db.dataSource());
            s.execute(TriggerScenario.bulkTable("plain"));
            s.execute(TriggerScenario.bulkTable("captured"));
            s.execute(TriggerScenario.bulkTable("triggered"));
            p.provision(SyncScope.named("bulk").tables("captured").build(), "logical");
            p.provision(SyncScope.named("triggered").tables("triggered").build());
            String select = TriggerScenario.generator("postgresql", s, cfg.bulkRows);
            List<List<Double>> plain = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            List<List<Double>> captured = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            List<List<Double>> drains = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            List<List<Double>> triggered = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            long captures = 0;
            for (int round = 0; round < cfg.warmups + cfg.reps; round++) {
                boolean measured = round >= cfg.warmups;
                double[] tp = new double[3];
                double[] tc = new double[3];
                double[] td = new double[3];
                double[] tt = new double[3];
                String[] statements = {"INSERT INTO {t} " + select, "UPDATE {t} SET b = b + 1", "DELETE FROM {t}"};
                for (int i = 0; i < 3; i++) {
                    // interleaved statement by statement, so load on the shared machine hits both alike
                    tp[i] = time(s, statements[i].replace("{t}", "plain"));
                    p.capture("bulk", 0); // the plain table's log decoded (and skipped) outside the timed drain
                    tc[i] = time(s, statements[i].replace("{t}", "captured"));
                    long t0 = System.nanoTime();
                    captures += p.capture("bulk", 0);
                    td[i] = (System.nanoTime() - t0) / 1e9;
                    tt[i] = time(s, statements[i].replace("{t}", "triggered"));
                    if (measured) {
                        triggered.get(i).add(tt[i]);
                        plain.get(i).add(tp[i]);
                        captured.get(i).add(tc[i]);
                        drains.get(i).add(td[i]);
                    }
                }
                Bench.log("logicalCapture %s %d: plain %s s, captured %s s, drain %s s, triggers %s s", measured ? "rep" : "warm-up",
                        round + 1, Bench.fmt(tp), Bench.fmt(tc), Bench.fmt(td), Bench.fmt(tt));
                s.executeUpdate("DELETE FROM " + p.dialect().names().trackingTable(new dev.syncwright.dialect.TableName("public", "triggered")));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", cfg.bulkRows);
            m.put("reps", cfg.reps);
            m.put("rowChangesCaptured", captures);
            boolean met = true;
            for (int i = 0; i < 3; i++) {
                double mp = Bench.median(plain.get(i));
                double mc = Bench.median(captured.get(i));
                double md = Bench.median(drains.get(i));
                double mt = Bench.median(triggered.get(i));
                Map<String, Object> op = new LinkedHashMap<>();
                op.put("untrackedSeconds", Bench.round(mp));
                op.put("capturedSeconds", Bench.round(mc));
                op.put("ratio", Bench.round(mc / mp));
                op.put("target", "ratio <= 1.2");
                op.put("met", mc / mp <= 1.2);
                op.put("drainSeconds", Bench.round(md));
                op.put("drainMicrosPerRow", Bench.round(md * 1e6 / cfg.bulkRows));
                op.put("capturedAndDrainRatio", Bench.round((mc + md) / mp));
                op.put("triggersSeconds", Bench.round(mt));
                op.put("triggersRatio", Bench.round(mt / mp));
                met &= mc / mp <= 1.2;
                m.put(OPS[i], op);
            }
            m.put("met", met);
            out.putAll(m);
            p.deprovision("bulk");
            p.deprovision("triggered");
        }
    }

    private static double time(Statement s, String sql) throws java.sql.SQLException {
        long t0 = System.nanoTime();
        s.executeUpdate(sql);
        return (System.nanoTime() - t0) / 1e9;
    }
}
