package dev.syncwright.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The printed table of a run: one line per figure, then what was skipped and what failed. */
final class Report {
    private Report() {
    }

    /** The printed table: one line per figure. */
    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> machine, Map<String, Object> scenarios, List<String> skipped,
            List<String> errors) {
        StringBuilder b = new StringBuilder();
        String fmt = "%-34s %-58s %-12s %s%n";
        b.append("load average (1/5/15 min) at start: ").append(machine.get("loadAverageAtStart"))
                .append(", at end: ").append(machine.get("loadAverageAtEnd")).append(" (on ").append(machine.get("availableProcessors"))
                .append(" cores; figures from a busy machine vary more)\n");
        b.append(String.format(Locale.ROOT, fmt, "scenario", "figure (median)", "target", "status"));
        b.append("-".repeat(118)).append('\n');
        Map<String, Object> init = (Map<String, Object>) scenarios.get("initialDownload");
        if (init != null) {
            row(b, fmt, "initialDownload " + init.get("rows") + " rows", String.format(Locale.ROOT, "%.2fx raw copy (%s s vs %s s; %,.0f vs %,.0f rows/s)",
                    init.get("ratio"), init.get("syncwrightSeconds"), init.get("rawCopySeconds"), num(init.get("rowsPerSecond")),
                    num(init.get("rawRowsPerSecond"))), "<= 2.0x", init.get("met"));
        }
        Map<String, Object> boot = (Map<String, Object>) scenarios.get("bootstrap");
        if (boot != null) {
            row(b, fmt, "bootstrap " + boot.get("rows") + " rows", String.format(Locale.ROOT, "%.2fx raw copy bulk (%s s); ordinary %.2fx (%s s)",
                    boot.get("ratio"), boot.get("bulkSeconds"), boot.get("ordinaryRatio"), boot.get("ordinarySeconds")), "<= 1.5x",
                    boot.get("met"));
        }
        Map<String, Object> snap = (Map<String, Object>) scenarios.get("snapshot");
        if (snap != null) {
            row(b, fmt, "snapshot " + snap.get("rows") + " rows", String.format(Locale.ROOT, "ready %.2fx its bare HTTP copy (%s s vs %s s; %s MB)",
                    snap.get("ratio"), snap.get("readySeconds"), snap.get("httpCopySeconds"), snap.get("fileMb")), "<= 1.2x", snap.get("met"));
            row(b, fmt, "  a local copy, adopted", String.format(Locale.ROOT, "%.2fx the copy (%s s + %s s); first sync after: %s s",
                    snap.get("localRatio"), snap.get("copySeconds"), snap.get("adoptSeconds"), snap.get("firstSyncSeconds")), "report", null);
            row(b, fmt, "  preparing it on the server", String.format(Locale.ROOT, "first %s s, refresh after 1,000 changes %s s; "
                    + "%s statements during a download", snap.get("prepareFirstSeconds"), snap.get("prepareRefreshSeconds"),
                    snap.get("serverStatementsDuringDownload")), "report", null);
        }
        Map<String, Object> up = (Map<String, Object>) scenarios.get("upload");
        if (up != null) {
            row(b, fmt, "upload " + up.get("changes") + " changes", String.format(Locale.ROOT, "%,.0f rows/s; %.2fx raw upsert (%,.0f rows/s)",
                    num(up.get("rowsPerSecond")), up.get("ratio"), num(up.get("rawRowsPerSecond"))), "report", null);
            row(b, fmt, "  first upload after download", String.format(Locale.ROOT, "%,.0f rows/s (%s s, full enumeration: %s)",
                    num(up.get("firstUploadRowsPerSecond")), up.get("firstUploadAfterDownloadSeconds"), up.get("firstUploadFullEnumeration")),
                    "report", null);
        }
        Map<String, Object> inc = (Map<String, Object>) scenarios.get("incremental");
        if (inc != null) {
            row(b, fmt, "incremental " + inc.get("changedRows") + " changes", String.format(Locale.ROOT,
                    "N=%s / N=%s: %.2f (%s s vs %s s)", inc.get("bigRows"), inc.get("smallRows"), inc.get("ratio"),
                    inc.get("bigSeconds"), inc.get("smallSeconds")), "<= 1.5", inc.get("met"));
            row(b, fmt, "  floor: untracked SQLite UPDATE", String.format(Locale.ROOT, "N=%s / N=%s: %.2f (%s s vs %s s)", inc.get("bigRows"),
                    inc.get("smallRows"), inc.get("rawRatio"), inc.get("rawBigSeconds"), inc.get("rawSmallSeconds")), "report", null);
        }
        Map<String, Object> cl = (Map<String, Object>) scenarios.get("incrementalClustered");
        if (cl != null) {
            row(b, fmt, "  the first " + cl.get("changedRows") + " rows by key", String.format(Locale.ROOT,
                    "N=%s / N=%s: %.2f (%s s vs %s s)", cl.get("bigRows"), cl.get("smallRows"), cl.get("ratio"),
                    cl.get("bigSeconds"), cl.get("smallSeconds")), "report", null);
        }
        Map<String, Object> trg = (Map<String, Object>) scenarios.get("triggerOverhead");
        if (trg != null) {
            for (Map.Entry<String, Object> e : trg.entrySet()) {
                Map<String, Object> d = (Map<String, Object>) e.getValue();
                for (String op : List.of("insert", "update", "delete")) {
                    Map<String, Object> o = (Map<String, Object>) d.get(op);
                    row(b, fmt, "triggerOverhead " + e.getKey() + " " + op.toUpperCase(Locale.ROOT), String.format(Locale.ROOT,
                            "%.2fx (%s s vs %s s untracked; +%s us/row); floor: empty trigger %.2fx, side table %.2fx, keyed %.2fx",
                            o.get("ratio"), o.get("trackedSeconds"), o.get("untrackedSeconds"), o.get("trackedMicrosPerRow"),
                            o.get("emptyTriggerRatio"), o.get("sideTableRatio"), o.get("keyedTableRatio")),
                            op.equals("delete") ? "<= 3.0x" : "<= 2.0x", o.get("met"));
                }
            }
        }
        Map<String, Object> lc = (Map<String, Object>) scenarios.get("logicalCapture");
        if (lc != null && lc.containsKey("insert")) {
            for (String op : List.of("insert", "update", "delete")) {
                Map<String, Object> o = (Map<String, Object>) lc.get(op);
                row(b, fmt, "logicalCapture postgresql " + op.toUpperCase(Locale.ROOT), String.format(Locale.ROOT,
                        "%.2fx (%s s vs %s s untracked); drain apart %s s (%s us/row); triggers here %.2fx", o.get("ratio"),
                        o.get("capturedSeconds"), o.get("untrackedSeconds"), o.get("drainSeconds"), o.get("drainMicrosPerRow"),
                        o.get("triggersRatio")), "<= 1.2x", o.get("met"));
            }
        }
        Map<String, Object> meta = (Map<String, Object>) scenarios.get("metadataBytesPerRow");
        if (meta != null) {
            for (Map.Entry<String, Object> e : meta.entrySet()) {
                Map<String, Object> d = (Map<String, Object>) e.getValue();
                row(b, fmt, "metadataBytesPerRow " + e.getKey(), String.format(Locale.ROOT, "%s B/row tracking vs %s B/row data = %.2fx",
                        d.get("trackingBytesPerRow"), d.get("dataBytesPerRow"), d.get("ratio")), "<= 1.0x", d.get("met"));
            }
        }
        Map<String, Object> heap = (Map<String, Object>) scenarios.get("peakHeapMb");
        if (heap != null) {
            row(b, fmt, "peakHeapMb " + heap.get("rows") + " rows", String.format(Locale.ROOT, "%s MB peak with -Xmx%sm, completed: %s (%s s)",
                    heap.get("peakHeapMb"), heap.get("xmxMb"), heap.get("completed"), heap.get("seconds")), "256 MB", heap.get("met"));
        }
        Map<String, Object> files = (Map<String, Object>) scenarios.get("files");
        if (files != null) {
            FileBenchmarks.rows(b, fmt, files);
        }
        for (String s : skipped) {
            b.append("SKIPPED ").append(s).append('\n');
        }
        for (String e : errors) {
            b.append("ERROR ").append(e).append('\n');
        }
        return b.toString();
    }

    static void row(StringBuilder b, String fmt, String scenario, String figure, String target, Object met) {
        String status = met == null ? "-" : Boolean.TRUE.equals(met) ? "met" : "MISSED";
        b.append(String.format(Locale.ROOT, fmt, scenario, figure, target, status));
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
