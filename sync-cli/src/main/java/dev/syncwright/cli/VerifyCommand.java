package dev.syncwright.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.Verification;
import dev.syncwright.jdbc.Verification.Difference;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "verify", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Proves that two replicas of a scope hold the same rows, or names every row that differs: its table, key, "
                + "the columns that differ and both sides' values. Each side reads its rows once, in parallel, into digests of "
                + "segments of about a thousand rows; only segments that differ are read again.",
            "--repair local makes the local replica equal to the remote (the remote is right); --repair remote the other way. "
                + "The rows that differ get fresh versions on the side that is right and one sync carries them, its values "
                + "winning, so the repair reaches every other replica through their normal syncs.",
            "Exit code 0: equal (after the repair, with --repair); 1: rows differ (without --repair, or still after it)."},
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright verify --local jdbc:sqlite:app.db \\",
            "      --remote jdbc:postgresql://db/shop --scope sales",
            "  syncwright verify --local jdbc:sqlite:app.db --remote jdbc:postgresql://db/shop \\",
            "      --scope sales --repair local --json"})
final class VerifyCommand extends PairCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--repair", paramLabel = "local|remote", order = 4,
            description = "Make this side equal to the other one: local (the remote is right) or remote (the local one is right).")
    String repair;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", order = 5,
            description = "List at most N differing rows in the text output (default ${DEFAULT-VALUE}; --json lists them all).")
    int limit;

    @Override
    void validate() {
        super.validate();
        if (repair != null && !repair.equals("local") && !repair.equals("remote")) {
            throw new ParameterException(spec.commandLine(), "--repair must be local or remote, not '" + repair + "'");
        }
        if (limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must not be negative, not " + limit);
        }
    }

    @Override
    int run(JdbcSyncProvider localReplica, JdbcSyncProvider remoteReplica) {
        Verification.Result found = Verification.compare(localReplica, remoteReplica);
        Verification.Result after = null;
        if (repair != null && !found.equal()) {
            after = repair.equals("local") ? Verification.repair(localReplica, remoteReplica, true)
                    : Verification.repair(remoteReplica, localReplica, false);
        }
        if (json) {
            out().println(toJson(found, after));
        } else if (!quiet) {
            text(found, after, out());
        }
        out().flush();
        return (after != null ? after : found).equal() ? ExitCodes.OK : ExitCodes.CONFLICTS;
    }

    private void text(Verification.Result found, Verification.Result after, PrintWriter out) {
        out.printf(Locale.ROOT, "Verified scope '%s' in %.1f s: %d local rows, %d remote rows, %s%n", scope,
                found.duration().toMillis() / 1000.0, found.localRows(), found.remoteRows(),
                found.equal() ? "equal" : found.differences().size() + (found.differences().size() == 1 ? " row differs" : " rows differ"));
        List<Difference> diffs = found.differences();
        diffs.stream().limit(limit).forEach(d -> out.println("  " + describe(d)));
        if (diffs.size() > limit) {
            out.println("  ... and " + (diffs.size() - limit) + " more (--json lists them all)");
        }
        if (after != null) {
            out.println(after.equal() ? "Repaired the " + repair + " replica: equal now; its other replicas get the repair on their next sync"
                    : "After the repair of the " + repair + " replica, " + after.differences().size() + " rows still differ "
                    + "(changed while verify ran?); run verify again");
        } else if (!found.equal()) {
            out.println("Repair with --repair local (the remote is right) or --repair remote (the local replica is right).");
        }
    }

    private static String describe(Difference d) {
        String where = d.table() + " " + d.key() + ": ";
        return switch (d.kind()) {
            case ONLY_LOCAL -> where + "only in the local replica";
            case ONLY_REMOTE -> where + "only in the remote replica";
            case DIFFERENT -> where + String.join(", ", d.columns().stream().map(c -> {
                int i = columnIndex(d, c);
                return c + " (local " + value(d.local().get(i)) + ", remote " + value(d.remote().get(i)) + ")";
            }).toList());
        };
    }

    /** Values in the order of the table's columns: the key columns and then every other, as {@link Difference#columns} names them. */
    private static int columnIndex(Difference d, String column) {
        return d.names().indexOf(column);
    }

    private static String value(String value) {
        if (value == null) {
            return "NULL";
        }
        String v = value.length() > 60 ? value.substring(0, 57) + "..." : value;
        return "'" + v.replace("'", "''") + "'";
    }

    private String toJson(Verification.Result found, Verification.Result after) {
        ObjectNode root = jsonRoot(JSON.createObjectNode());
        root.put("equal", found.equal());
        root.put("localRows", found.localRows());
        root.put("remoteRows", found.remoteRows());
        root.put("durationMs", found.duration().toMillis());
        ArrayNode list = root.putArray("differences");
        for (Difference d : found.differences()) {
            ObjectNode n = list.addObject();
            n.put("table", d.table());
            n.put("key", d.key());
            n.put("kind", d.kind().name());
            d.columns().forEach(n.putArray("columns")::add);
            values(n, "local", d, d.local());
            values(n, "remote", d, d.remote());
        }
        if (after == null) {
            root.putNull("repaired");
        } else {
            ObjectNode r = root.putObject("repaired");
            r.put("side", repair);
            r.put("equal", after.equal());
            r.put("differencesLeft", after.differences().size());
        }
        return root.toString();
    }

    private static void values(ObjectNode n, String name, Difference d, List<String> values) {
        if (values == null) {
            n.putNull(name);
            return;
        }
        ObjectNode o = n.putObject(name);
        for (int i = 0; i < values.size(); i++) {
            o.put(d.names().get(i), values.get(i));
        }
    }
}
