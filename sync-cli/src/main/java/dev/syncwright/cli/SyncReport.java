package dev.syncwright.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.SessionStatistics;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code syncwright sync} prints about a finished sync: the summary for people, the JSON object
 * for scripts (its fields are a contract, see the {@code --json} help). {@code local} and
 * {@code remote} are the URLs as shown, secrets masked.
 */
final class SyncReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String scope;
    private final String direction;
    private final String conflicts;
    private final SyncDirection syncDirection;
    private final String local;
    private final String remote;
    /** The size of the server's snapshot this sync's new local file started from (ADR 066); -1: none. */
    private long snapshotBytes = -1;

    SyncReport(String scope, String direction, String conflicts, SyncDirection syncDirection, String local, String remote) {
        this.scope = scope;
        this.direction = direction;
        this.conflicts = conflicts;
        this.syncDirection = syncDirection;
        this.local = local;
        this.remote = remote;
    }

    SyncReport fromSnapshot(long bytes) {
        snapshotBytes = bytes;
        return this;
    }

    String toJson(SyncResult r, boolean localFileCreated, boolean localProvisioned) {
        ObjectNode root = options(JSON.createObjectNode());
        root.put("localFileCreated", localFileCreated);
        if (snapshotBytes >= 0) {
            root.put("snapshotBytes", snapshotBytes);
        } else {
            root.putNull("snapshotBytes");
        }
        root.put("localProvisioned", localProvisioned);
        session(root, "upload", r.upload());
        session(root, "download", r.download());
        root.put("durationMs", r.duration().toMillis());
        root.put("cancelled", r.cancelled());
        return root.toString();
    }

    ObjectNode options(ObjectNode root) {
        root.put("scope", scope);
        root.put("direction", direction.toLowerCase(Locale.ROOT));
        root.put("conflicts", conflicts.toLowerCase(Locale.ROOT));
        return root;
    }

    private static void session(ObjectNode root, String name, SessionStatistics s) {
        if (!s.ran()) {
            root.putNull(name); // the JSON contract: null for a direction that did not run
            return;
        }
        ObjectNode n = root.putObject(name);
        n.put("sent", s.sent());
        n.put("applied", s.applied());
        n.put("skipped", s.skipped());
        n.put("deferred", s.deferred());
        n.put("conflicts", s.conflictCount());
        n.put("batches", s.batches());
        n.put("fullEnumeration", s.fullEnumeration());
        ObjectNode kinds = n.putObject("conflictsByKind");
        s.conflictsByKind().forEach((k, v) -> kinds.put(k.name(), v));
        ObjectNode resolutions = n.putObject("conflictsByResolution");
        s.conflictsByResolution().forEach((k, v) -> resolutions.put(k.name(), v));
    }

    void summary(SyncResult r, boolean localFileCreated, boolean localProvisioned, PrintWriter out) {
        String what = switch (syncDirection) {
            case UPLOAD -> "upload";
            case DOWNLOAD -> "download";
            default -> "upload, then download";
        };
        out.printf(Locale.ROOT, "%s scope '%s' (%s, conflicts: %s) in %.1f s%n", r.cancelled() ? "Interrupted sync of" : "Synced",
                scope, what, conflicts.toLowerCase(Locale.ROOT), r.duration().toMillis() / 1000.0);
        out.println("  local:  " + local + (snapshotBytes >= 0 ? String.format(Locale.ROOT, " (new file: started from the server's "
                + "snapshot, %.1f MB, then synced)", snapshotBytes / 1e6)
                : localFileCreated ? " (new file: tables created and provisioned from the server's scope)"
                : localProvisioned ? " (scope provisioned from the server's; the tables it lacked were created)" : ""));
        out.println("  remote: " + remote);
        out.println("  upload:   " + sessionText(r.upload()));
        out.println("  download: " + sessionText(r.download()));
        if (r.hasDeferredConflicts()) {
            long deferred = deferred(r.upload()) + deferred(r.download());
            long refused = refused(r.upload()) + refused(r.download());
            out.println(deferred + (deferred == 1 ? " conflict was" : " conflicts were") + " deferred: both sides keep their "
                    + "values, the conflict log holds them and the next sync offers them again."
                    + (deferred > refused ? " Sync with --conflicts server-wins, client-wins or merge to settle them." : "")
                    + refusedText(refused(r.upload()), "remote", remote) + refusedText(refused(r.download()), "local", local));
            refusals(r.upload(), "remote", out);
            refusals(r.download(), "local", out);
        }
    }

    /** The first refused rows with the database's own reason (the conflict log has them all). */
    private static void refusals(SessionStatistics s, String side, PrintWriter out) {
        List<Conflict> refused = s.conflicts().stream()
                .filter(c -> c.kind() == ConflictKind.CONSTRAINT && c.resolution() == ConflictResolution.DEFER && c.detail() != null)
                .toList();
        refused.stream().limit(5).forEach(c -> out.println("  refused by the " + side + " database: "
                + DatabaseCommand.oneLine(c.detail())));
        if (refused.size() > 5) {
            out.println("  ... and " + (refused.size() - 5) + " more");
        }
    }

    /** Whatever the cause (a constraint, a value the column cannot hold, a trigger): the database's error is in the log. */
    private String refusedText(long refused, String side, String url) {
        return refused == 0 ? "" : " " + refused + (refused == 1 ? " row was" : " rows were") + " refused by the " + side
                + " database (the conflict log has each row's key and the database's error: 'syncwright status --db "
                + url + " --scope " + scope + "').";
    }

    private static long refused(SessionStatistics s) {
        return s.conflicts().stream()
                .filter(c -> c.kind() == ConflictKind.CONSTRAINT && c.resolution() == ConflictResolution.DEFER).count();
    }

    private static long deferred(SessionStatistics s) {
        return s.conflictsByResolution().getOrDefault(ConflictResolution.DEFER, 0L);
    }

    private static String sessionText(SessionStatistics s) {
        if (!s.ran()) {
            return "not run";
        }
        StringBuilder b = new StringBuilder();
        b.append(s.sent()).append(" sent, ").append(s.applied()).append(" applied");
        if (s.skipped() > 0) {
            b.append(", ").append(s.skipped()).append(" skipped");
        }
        b.append(", ").append(plural(s.conflictCount(), "conflict"));
        if (s.conflictCount() > 0) {
            b.append(" (").append(s.conflictsByKind().entrySet().stream()
                    .map(e -> e.getValue() + " " + kind(e.getKey())).collect(Collectors.joining(", ")));
            b.append("; ").append(s.conflictsByResolution().entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "))).append(")");
        }
        b.append(", ").append(plural(s.batches(), "batch"));
        if (s.fullEnumeration()) {
            b.append(", full enumeration");
        }
        return b.toString();
    }

    private static String kind(ConflictKind k) {
        return k.name().toLowerCase(Locale.ROOT).replace('_', '/');
    }

    private static String plural(long n, String word) {
        return n + " " + (n == 1 ? word : word.endsWith("h") ? word + "es" : word + "s");
    }
}
