package dev.syncwright.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwright.core.SyncException;
import dev.syncwright.files.FileAction;
import dev.syncwright.files.FileConflictPolicy;
import dev.syncwright.files.FolderReplica;
import dev.syncwright.files.FolderSync;
import dev.syncwright.files.FolderSyncResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code syncwright files sync DIR_A DIR_B}: a two-way folder sync through {@link FolderSync}. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Two-way sync of two folder trees. Edits, new files, deletes, renames and moves travel (a rename or a "
                + "folder rename copies no data); concurrent edits of one file are conflicts, by default kept both "
                + "('name (conflict from <replica> <date>).ext'). Deleted and overwritten files go to "
                + ".syncwright/recycle/ unless --no-recycle. Each folder keeps its metadata in .syncwright/ (never synced); "
                + "any number of folders can sync in any topology (a ring, a USB-stick relay).",
            "Progress goes to stderr: a bar on a terminal, else one line per committed batch."},
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright files sync ~/Documents /media/usb/Documents",
            "  syncwright files sync a b --dry-run            # list what would happen, change nothing",
            "  syncwright files sync a b --conflicts newer --exclude '**.tmp' --json"})
final class FilesSyncCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A thread of its own for opening the second folder (not the common pool: one thread there on 2 cores). */
    private static final Executor OPENER = r -> {
        Thread t = new Thread(r, "syncwright-files-open");
        t.setDaemon(true);
        t.start();
    };

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR_A", description = "The local folder.")
    Path dirA;

    @Parameters(index = "1", paramLabel = "DIR_B", description = "The remote folder.")
    Path dirB;

    @Option(names = "--dry-run", description = "List what would happen; write no file and no metadata.")
    boolean dryRun;

    @Option(names = "--conflicts", paramLabel = "POLICY", defaultValue = "keep-both",
            description = "keep-both (default: the newer content stays, the other becomes a conflict copy), newer (last writer "
                    + "wins, the other is recycled), local (DIR_A wins), remote (DIR_B wins).")
    String conflicts;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Do not sync paths matching GLOB (relative, '/'-separated, "
            + "e.g. '**.tmp', 'build/**'); repeatable. Applies to both folders.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--include", paramLabel = "GLOB", description = "Sync only paths matching GLOB; repeatable.")
    List<String> include = new ArrayList<>();

    @Option(names = "--no-recycle", description = "Delete and overwrite files for good instead of moving them to .syncwright/recycle/.")
    boolean noRecycle;

    @Option(names = "--no-fsync", description = "Do not force written files to disk before their metadata commits (faster, "
            + "less safe on a power cut).")
    boolean noFsync;

    @Option(names = "--verify", description = "Hash every file instead of trusting an unchanged size and modification time.")
    boolean verify;

    @Option(names = "--json", description = "Print one JSON object: sent, applied, conflicts, bytesCopied, passes, durationMs, "
            + "counts of file actions, and the actions themselves.")
    boolean json;

    @Option(names = "--quiet", description = "No progress and no summary; errors and --json output only.")
    boolean quiet;

    @Override
    public Integer call() {
        FileConflictPolicy policy;
        try {
            policy = FileConflictPolicy.parse(conflicts);
        } catch (SyncException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--conflicts: " + e.getMessage());
        }
        for (Path d : new Path[] {dirA, dirB}) {
            if (!Files.isDirectory(d)) {
                return fail(ExitCodes.CONFIGURATION, "folder " + d + " does not exist (or is not a folder)");
            }
        }
        if (dirA.toAbsolutePath().normalize().equals(dirB.toAbsolutePath().normalize())) {
            return fail(ExitCodes.CONFIGURATION, "DIR_A and DIR_B are the same folder");
        }
        // Both folders open at once: reading each one's metadata into memory is most of an idle
        // sync's start (100,000 records take about 0.3 s), and the folders are independent.
        CompletableFuture<FolderReplica> other = CompletableFuture.supplyAsync(() -> open(dirB), OPENER);
        FolderReplica a;
        try {
            a = open(dirA);
        } catch (RuntimeException e) {
            try {
                other.join().close(); // released before the command returns
            } catch (CompletionException ignored) {
                // B failed too: A's error is the one reported
            }
            if (e instanceof SyncException) {
                return fail(ExitCodes.CONFIGURATION, e.getMessage());
            }
            throw e;
        }
        FolderReplica b;
        try {
            b = other.join();
        } catch (CompletionException e) {
            a.close();
            if (e.getCause() instanceof SyncException s) {
                return fail(ExitCodes.CONFIGURATION, s.getMessage());
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        try (a; b; SyncProgressView view = new SyncProgressView(Progress.of(quiet || json, spec.commandLine().getErr()), "")) {
            FolderSyncResult r;
            try {
                r = FolderSync.between(a, b).conflicts(policy).dryRun(dryRun).onProgress(view::accept).run();
            } catch (RuntimeException e) {
                return fail(ExitCodes.FAILED, "sync of " + dirA + " and " + dirB + " failed (committed batches stay; the next sync "
                        + "resumes): " + DatabaseCommand.rootMessage(e));
            }
            view.close();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(r, policy));
            } else if (!quiet) {
                summary(r, out);
            }
            out.flush();
            return r.deferred() > 0 ? ExitCodes.CONFLICTS : ExitCodes.OK;
        }
    }

    private FolderReplica open(Path dir) {
        return FolderReplica.at(dir).include(include.toArray(String[]::new)).exclude(exclude.toArray(String[]::new))
                .recycle(!noRecycle).fsync(!noFsync).alwaysHash(verify).open();
    }

    String toJson(FolderSyncResult r, FileConflictPolicy policy) {
        ObjectNode root = JSON.createObjectNode();
        root.put("dirA", dirA.toString());
        root.put("dirB", dirB.toString());
        root.put("dryRun", r.dryRun());
        root.put("conflictPolicy", policy.cliName());
        root.put("sent", r.sent());
        root.put("applied", r.applied());
        root.put("conflicts", r.conflicts());
        root.put("bytesCopied", r.bytesCopied());
        root.put("passes", r.passes());
        root.put("durationMs", r.duration().toMillis());
        ObjectNode counts = root.putObject("counts");
        for (FileAction.Kind k : FileAction.Kind.values()) {
            counts.put(name(k), r.count(k));
        }
        ArrayNode actions = root.putArray("actions");
        for (FileAction x : r.actions()) {
            ObjectNode n = actions.addObject();
            n.put("kind", name(x.kind()));
            n.put("replica", x.replica());
            n.put("path", x.path());
            n.put("detail", x.detail());
            n.put("bytes", x.bytes());
        }
        return root.toString();
    }

    private static String name(FileAction.Kind k) {
        return k.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void summary(FolderSyncResult r, PrintWriter out) {
        for (FileAction x : r.actions()) {
            out.println((r.dryRun() ? "would " : "") + x);
        }
        List<String> parts = new ArrayList<>();
        for (FileAction.Kind k : FileAction.Kind.values()) {
            long n = r.count(k);
            if (n > 0) {
                parts.add(n + " " + name(k).replace('-', ' '));
            }
        }
        out.printf(Locale.ROOT, "%s %s and %s in %.1f s: %s; %d conflicts, %s copied%n", r.dryRun() ? "Dry run of" : "Synced", dirA, dirB,
                r.duration().toMillis() / 1000.0, parts.isEmpty() ? "nothing to do" : String.join(", ", parts), r.conflicts(),
                bytes(r.bytesCopied()));
    }

    private static String bytes(long n) {
        return n < 1024 ? n + " bytes" : n < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
    }

    private int fail(int code, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + DatabaseCommand.oneLine(message));
        err.flush();
        return code;
    }
}
