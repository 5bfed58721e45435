package dev.syncwright.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwright.dialect.ChangeCapture;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.jdbc.ConflictRecord;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.ScopeStatus;
import dev.syncwright.tracking.TableStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Shows a provisioned scope: its replica id, and per table the tracked rows, the tombstones "
                + "(deleted rows still remembered) and drift (columns that differ from the provisioned definition; "
                + "run provision again to take them in), and the conflict log: how many conflicts are open (deferred, "
                + "offered again on the next sync) and how many were logged in total.",
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright status --db jdbc:postgresql://localhost/shop --scope sales",
            "  syncwright status --db jdbc:sqlite:app.db --scope sales --json \\",
            "      | jq '.tables[] | select(.drift)'"})
final class StatusCommand extends DatabaseCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--scope", required = true, paramLabel = "NAME", description = "Name of the scope.")
    String scope;

    @Option(names = "--json", description = "Print one JSON object: scope, replicaId, dialect, definitionVersion, drift, "
            + "conflicts {open, total, openEntries [{table, key, kind, detectedAt, message}]} (the conflict log; open = deferred, "
            + "not settled yet; message: the database's own error for a refused row), tables [{name, schema, trackedRows, tombstones, drift, addedColumns, removedColumns, changedColumns}] "
            + "and, for a scope captured from the log, capture {mode, slot, lagBytes, retainedBytes, walStatus, lost}. "
            + "On failure: {error: {exitCode, code, message}, scope}. Printed with --quiet too.")
    boolean json;

    @Override
    int run(DataSource dataSource, Provisioner p) {
        ScopeStatus s = p.status(scope);
        Conflicts c = conflicts(dataSource, scope);
        Optional<ChangeCapture.Status> capture = p.captureStatus(scope);
        if (json) {
            ObjectNode root = toJson(s, c);
            capture.ifPresent(x -> captureJson(root.putObject("capture"), x));
            out().println(root);
        } else if (!quiet) {
            text(s, c, out());
            capture.ifPresent(x -> out().println(captureText(x)));
        }
        return ExitCodes.OK;
    }

    @Override
    String jsonError(int exitCode, String maskedMessage) {
        return JsonError.ofScope(json, exitCode, maskedMessage, scope);
    }

    /** The conflict log: open = deferred and not settled yet, with those entries. */
    record Conflicts(long open, long total, List<ConflictRecord> openEntries) {
    }

    /** How many open entries the text output lists (the JSON has them all). */
    private static final int LISTED = 20;

    /**
     * Read through the JDBC provider; a database that has never synced has no conflict log yet, which
     * is the same as an empty one.
     */
    static Conflicts conflicts(DataSource ds, String scope) {
        List<ConflictRecord> all;
        try {
            all = JdbcSyncProvider.open(ds, scope).conflicts(false);
        } catch (SqlFailure e) {
            if (Failures.permissionDenied(e)) {
                throw e;
            }
            return new Conflicts(0, 0, List.of());
        }
        List<ConflictRecord> open = all.stream().filter(r -> !r.resolved()).toList();
        return new Conflicts(open.size(), all.size(), open);
    }

    /** Log capture (ADR 065): the slot, how far behind the end of the log it is, and whether the server still keeps its log. */
    private static void captureJson(ObjectNode n, ChangeCapture.Status x) {
        n.put("mode", "logical");
        n.put("slot", x.slot());
        n.put("lagBytes", x.lagBytes());
        n.put("retainedBytes", x.retained());
        n.put("walStatus", x.walStatus());
        n.put("lost", x.lost());
    }

    private static String captureText(ChangeCapture.Status x) {
        String head = "Capture: logical, replication slot " + x.slot();
        if (x.lost()) {
            return head + " is " + x.walStatus() + ": syncs fail until 'syncwright provision ... --capture logical' is run again";
        }
        return head + ", " + x.lagBytes() + " bytes behind the end of the log, " + x.retained() + " bytes of log kept for it (wal_status "
                + x.walStatus() + ")";
    }

    static ObjectNode toJson(ScopeStatus s, Conflicts c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scope", s.scope());
        root.put("replicaId", s.replicaId());
        root.put("dialect", s.dialect());
        root.put("definitionVersion", s.definitionVersion());
        root.put("drift", s.drift());
        ObjectNode conflicts = root.putObject("conflicts");
        conflicts.put("open", c.open());
        conflicts.put("total", c.total());
        ArrayNode entries = conflicts.putArray("openEntries");
        for (ConflictRecord r : c.openEntries()) {
            ObjectNode e = entries.addObject();
            e.put("table", r.table());
            e.put("key", r.keyJson());
            e.put("kind", r.kind().name());
            e.put("detectedAt", r.detectedAt() == null ? null : r.detectedAt().toString());
            e.put("message", r.message());
        }
        ArrayNode tables = root.putArray("tables");
        for (TableStatus t : s.tables()) {
            ObjectNode n = tables.addObject();
            n.put("name", t.name().name());
            n.put("schema", t.name().schema());
            n.put("trackedRows", t.trackedRows());
            n.put("tombstones", t.tombstones());
            n.put("drift", t.drift());
            strings(n.putArray("addedColumns"), t.addedColumns());
            strings(n.putArray("removedColumns"), t.removedColumns());
            strings(n.putArray("changedColumns"), t.changedColumns());
        }
        return root;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static void text(ScopeStatus s, Conflicts c, PrintWriter out) {
        out.printf("Scope '%s' on %s, replica %s, definition version %d%n", s.scope(), s.dialect(), s.replicaId(),
                s.definitionVersion());
        int width = Math.max(5, s.tables().stream().mapToInt(t -> t.name().toString().length()).max().orElse(5));
        out.printf("%-" + width + "s  %12s  %10s  %s%n", "TABLE", "TRACKED ROWS", "TOMBSTONES", "DRIFT");
        for (TableStatus t : s.tables()) {
            out.printf("%-" + width + "s  %12d  %10d  %s%n", t.name(), t.trackedRows(), t.tombstones(), drift(t));
        }
        out.printf("Conflict log: %d open (deferred, offered again on the next sync), %d in total%n", c.open(), c.total());
        c.openEntries().stream().limit(LISTED).forEach(r -> out.printf("  %s %s %s%s%n", r.table(), r.keyJson(),
                r.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '/'),
                r.message() == null ? "" : ": " + DatabaseCommand.oneLine(r.message())));
        if (c.openEntries().size() > LISTED) {
            out.printf("  ... and %d more (--json lists them all)%n", c.openEntries().size() - LISTED);
        }
        if (s.drift()) {
            out.println("Drift: run 'syncwright provision' again with the same tables to track the changed columns.");
        }
    }

    private static String drift(TableStatus t) {
        if (!t.drift()) {
            return "no";
        }
        StringBuilder b = new StringBuilder("yes:");
        if (!t.addedColumns().isEmpty()) {
            b.append(" added ").append(String.join(", ", t.addedColumns()));
        }
        if (!t.removedColumns().isEmpty()) {
            b.append(" removed ").append(String.join(", ", t.removedColumns()));
        }
        if (!t.changedColumns().isEmpty()) {
            b.append(" changed ").append(String.join(", ", t.changedColumns()));
        }
        return b.toString();
    }
}
