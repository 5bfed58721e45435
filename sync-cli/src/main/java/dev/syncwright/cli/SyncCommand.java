package dev.syncwright.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaIdentityException;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncProgress;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.UnsupportedDatabaseException;
import dev.syncwright.http.HttpSyncProvider;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.ServerScope;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.ScopeDefinition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "sync", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Syncs a scope between a local database (the client) and a remote one (the server), both ways.",
            "By default it uploads what the server has not seen, then downloads what the client has not seen. Only "
                + "changed columns travel: edits to different columns of one row on both sides are both kept; the same "
                + "column edited on both sides is a conflict, resolved by --conflicts.",
            "The remote must be provisioned ('syncwright provision'). The local database may be empty, or a SQLite file "
                + "that does not exist yet: the first sync creates the scope's tables from the server's definition and "
                + "provisions them.",
            "Every batch is committed on its own. A sync that fails or is interrupted keeps the batches already "
                + "committed; the next sync resumes from there and re-sends at most the interrupted batch.",
            "Progress goes to stderr: a progress bar per direction on a terminal, else one line per committed batch "
                + "(none with --quiet); the summary, or the JSON object, to stdout."},
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright sync --local jdbc:sqlite:app.db --scope sales \\",
            "      --remote jdbc:postgresql://db.example.com/shop --user app",
            "  SYNCWRIGHT_DB_PASSWORD=... syncwright sync --local jdbc:sqlite:app.db \\",
            "      --remote jdbc:mysql://db/shop --user app --scope sales \\",
            "      --conflicts merge --json",
            "  syncwright sync --local jdbc:sqlite:app.db --scope sales \\",
            "      --remote jdbc:postgresql://db/shop --direction download \\",
            "      --batch-rows 5000 --quiet",
            "",
            "Conflict policies:",
            "  server-wins  the remote's value wins (default)",
            "  client-wins  the local value wins",
            "  merge        column-wise; a column changed on both sides: the server wins",
            "  defer        keep both sides as they are, log the conflict and offer it again",
            "               on the next sync (exit code 1)"})
final class SyncCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for the batch being applied to commit. */
    private static final long INTERRUPT_GRACE_SECONDS = 60;
    static final int INTERRUPTED = 130;
    /** What a sync needs on each database, for the message when a right lacks. */
    static final String RIGHTS = "SELECT, INSERT, UPDATE and DELETE on the scope's tables and on the syncwright_* tables";

    @Option(names = "--local", required = true, paramLabel = "JDBC_URL", order = 1,
            description = "The client database, e.g. jdbc:sqlite:app.db (created on the first sync if the file does not exist).")
    String local;

    @Option(names = "--remote", required = true, paramLabel = "URL", order = 2,
            description = "The server: its database, provisioned for the scope (jdbc:postgresql://host/db, jdbc:mysql://host/db), "
                    + "or a sync server (https://host:port: syncwright serve, or an application serving the sync protocol).")
    String remote;

    @Option(names = "--token-file", paramLabel = "FILE", order = 14,
            description = "With an http(s) remote: the bearer token (an opaque token or a JWT) in this file (default: $"
                    + HttpRemote.ENV_TOKEN + "). Never printed.")
    Path tokenFile;

    @Option(names = "--timeout-seconds", paramLabel = "N", defaultValue = "60", order = 15,
            description = "With an http(s) remote: give up on a request after N seconds; it is retried with backoff (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--scope", required = true, paramLabel = "NAME", order = 3, description = "Name of the scope to sync.")
    String scope;

    @Option(names = "--direction", paramLabel = "both|upload|download", defaultValue = "both", order = 4,
            description = "both (upload, then download; the default), upload (local to remote) or download (remote to local).")
    String direction;

    @Option(names = "--conflicts", paramLabel = "POLICY", defaultValue = "server-wins", order = 5,
            description = "server-wins (default), client-wins, merge or defer; see below.")
    String conflicts;

    @Option(names = "--batch-rows", paramLabel = "N", defaultValue = "1000", order = 6,
            description = "At most N changed rows per batch, and per transaction on the receiving side (default ${DEFAULT-VALUE}).")
    int batchRows;

    @Option(names = "--no-snapshot", order = 16, description = "With an http(s) remote and a local SQLite file that does not exist "
            + "yet: download the scope row by row even when the server keeps a snapshot of it. By default such a client starts "
            + "from the snapshot (one file, checked and given a replica id of its own), then syncs what changed since.")
    boolean noSnapshot;

    @Option(names = "--json", order = 7, description = "Print one JSON object: upload and download {sent, applied, skipped, "
            + "deferred, conflicts, batches, fullEnumeration, conflictsByKind, conflictsByResolution} (null for a direction "
            + "that did not run), durationMs, scope, direction, conflicts, localFileCreated (this sync created the local "
            + "SQLite file), snapshotBytes (the size of the server's snapshot the new local file started from, or null), "
            + "localProvisioned (this sync provisioned the scope on the local database, creating the tables it lacked), cancelled. On failure: {error: {exitCode, code, message}, scope, direction, conflicts}, the "
            + "message as on stderr.")
    boolean json;

    @Mixin
    PairCredentials credentials;

    @Option(names = "--quiet", order = 12, description = "No progress lines and no summary; errors and --json output only.")
    boolean quiet;

    @Option(names = "--verbose", order = 13, description = "Show stack traces and driver logging on failure.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    final Secrets secrets = new Secrets();

    /** Environment, replaceable in tests. */
    Map<String, String> env = System.getenv();

    private SyncDirection syncDirection;
    private ConflictPolicy policy;
    /** Batches committed so far (both directions), for the failure message. */
    private volatile int committedBatches;
    /** Bars on a terminal, lines otherwise, nothing with --quiet. */
    private SyncProgressView view;

    @Override
    public Integer call() {
        Logging.configure(verbose, secrets);
        validate();
        PairCredentials.Resolved db = credentials.resolve(local, remote, env, secrets);

        // from the start: a signal while connecting exits with the same code as one during the sync
        InterruptGuard guard = new InterruptGuard(INTERRUPTED, INTERRUPT_GRACE_SECONDS);
        HikariDataSource remotePool = null;
        HikariDataSource localPool = null;
        try {
            boolean http = HttpRemote.is(remote);
            if (!http) {
                requireJdbcUrl("--remote", remote);
            }
            requireJdbcUrl("--local", local);
            checkLocalFile();

            SyncProvider server;
            ServerScope described;
            if (http) {
                HttpSyncProvider h = HttpRemote.connect(remote, scope, tokenFile, timeoutSeconds, env, secrets);
                described = HttpRemote.describe(h, shown(remote));
                server = h;
                if (localFileIsNew && !noSnapshot && syncDirection != SyncDirection.UPLOAD) {
                    snapshotBytes = HttpRemote.startFromSnapshot(h, Path.of(Connect.sqlitePath(local)), timeoutSeconds,
                            quiet ? null : spec.commandLine().getErr());
                }
            } else {
                // the driver gets the URL without its user:password@ part, which goes in the properties (JdbcUrl)
                probe("remote", db.remoteUrl(), db.remoteUser(), db.remotePassword());
                remotePool = pool("remote", db.remoteUrl(), db.remoteUser(), db.remotePassword());
                ScopeDefinition definition = remoteDefinition(remotePool);
                JdbcSyncProvider jdbc = configuration("opening scope '" + scope + "' on the remote " + shown(remote),
                        remotePool, ds -> JdbcSyncProvider.open(ds, definition.name()));
                described = ServerScope.of(jdbc);
                server = jdbc;
            }

            probe("local", db.localUrl(), db.localUser(), db.localPassword());
            localPool = pool("local", db.localUrl(), db.localUser(), db.localPassword());
            boolean localProvisioned = !localHasScope(localPool);

            JdbcSyncProvider client = configuration("preparing the local database " + shown(local) + " for scope '"
                    + scope + "'", localPool, ds -> JdbcSyncProvider.openClient(ds, described));
            ReplicaId serverId = http ? remoteState(server) : ((JdbcSyncProvider) server).replicaId();
            if (client.replicaId().equals(serverId)) {
                throw new CliFailure(ExitCodes.CONFIGURATION, "--local and --remote are the same replica of scope '" + scope
                        + "' (" + serverId + "); give the client's database as --local");
            }

            guard.syncing();
            SyncResult result;
            view = new SyncProgressView(Progress.of(quiet, spec.commandLine().getErr()), "");
            try (SyncProgressView shown = view) {
                result = SyncOrchestrator.between(client, server)
                        .direction(syncDirection)
                        .conflicts(policy)
                        .batchSizeRows(batchRows)
                        .cancellation(guard.cancellation())
                        .onProgress(this::progress)
                        .run();
            } catch (ReplicaIdentityException e) {
                // nothing was exchanged: one side is not the replica the other remembers (the message names the
                // recovery), or another session of this replica moved the pair's epoch meanwhile (sync again)
                int code = e.kind() == ReplicaIdentityException.Kind.CONCURRENT_SESSION ? ExitCodes.FAILED : ExitCodes.CONFIGURATION;
                throw new CliFailure(code, "sync of scope '" + scope + "' refused: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw failed(e);
            }
            SyncReport report = report();
            if (json) {
                out().println(report.toJson(result, localFileIsNew, localProvisioned));
            } else if (!quiet) {
                report.summary(result, localFileIsNew, localProvisioned, out());
            }
            out().flush();
            if (result.cancelled()) {
                report("interrupted; " + committedBatches + (committedBatches == 1 ? " batch was" : " batches were")
                        + " committed and stay, and the next sync resumes from there", null);
                return guard.exit(INTERRUPTED);
            }
            return guard.exit(result.hasDeferredConflicts() ? ExitCodes.CONFLICTS : ExitCodes.OK);
        } catch (CliFailure e) {
            return guard.exit(report(e.exitCode(), e.getMessage(), e));
        } catch (RuntimeException e) {
            if (Failures.permissionDenied(e)) { // opening a replica reads its tables: a right it lacks is configuration
                String side = Failures.side(e, local, remote);
                return guard.exit(report(ExitCodes.CONFIGURATION, "sync of scope '" + scope + "' failed: " + DatabaseCommand.rootMessage(e)
                        + Failures.grantHint(RIGHTS + (side == null ? "" : ", on the " + side + " database")), e));
            }
            return guard.exit(report(ExitCodes.FAILED, "sync of scope '" + scope + "' failed: " + DatabaseCommand.rootMessage(e), e));
        } finally {
            Pools.close(localPool);
            Pools.close(remotePool);
            guard.close();
        }
    }

    /**
     * The sync stopped in the middle: say what it means for the data, and what to do when the cause
     * is one the user can act on (a right the database user lacks is configuration, exit 3, as when
     * opening the scope; a cut connection is named as such, not by the driver's clean-up that followed).
     */
    private CliFailure failed(RuntimeException e) {
        int committed = committedBatches;
        String kept = committed == 0 ? "no batch was committed before it" : committed == 1 ? "1 batch committed before it stays"
                : committed + " batches committed before it stay";
        String message = "sync of scope '" + scope + "' failed and the failing batch was rolled back (" + kept
                + "; the next sync resumes from there): ";
        String side = Failures.side(e, local, remote);
        if (Failures.permissionDenied(e)) {
            return new CliFailure(ExitCodes.CONFIGURATION, message + DatabaseCommand.rootMessage(e) + Failures.grantHint(
                    RIGHTS + (side == null ? "" : ", on the " + side + " database")), e);
        }
        if (Failures.connectionLost(e)) {
            return new CliFailure(ExitCodes.FAILED, message + "the connection to " + (side == null ? "a database"
                    : "the " + side + " database " + shown(side.equals("remote") ? remote : local)) + " was lost ("
                    + DatabaseCommand.oneLine(Failures.innermost(e)) + "); run the sync again when it is reachable", e);
        }
        return new CliFailure(ExitCodes.FAILED, message + DatabaseCommand.rootMessage(e)
                + Failures.advice(e, side), e);
    }

    /** Option values picocli cannot check; a {@link ParameterException} exits 2. */
    void validate() {
        if (scope.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--scope must not be blank");
        }
        syncDirection = switch (direction.toLowerCase(Locale.ROOT)) {
            case "both" -> SyncDirection.UPLOAD_AND_DOWNLOAD;
            case "upload" -> SyncDirection.UPLOAD;
            case "download" -> SyncDirection.DOWNLOAD;
            default -> throw new ParameterException(spec.commandLine(),
                    "--direction must be both, upload or download, not '" + direction + "'");
        };
        try {
            policy = ConflictPolicy.named(conflicts);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--conflicts: " + e.getMessage());
        }
        if (batchRows < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-rows must be at least 1, not " + batchRows);
        }
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout-seconds must be at least 1, not " + timeoutSeconds);
        }
        if (HttpRemote.is(remote) && (credentials.user != null || credentials.password != null)) {
            throw new ParameterException(spec.commandLine(), "--user and --password are for a database; a sync server takes a token "
                    + "(--token-file or $" + HttpRemote.ENV_TOKEN + ")");
        }
        if (tokenFile != null && !HttpRemote.is(remote)) {
            throw new ParameterException(spec.commandLine(), "--token-file goes with an http(s) --remote; a database takes --user/--password");
        }
    }

    private ReplicaId remoteState(SyncProvider server) {
        try {
            return server.state().replicaId();
        } catch (RuntimeException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "the remote " + shown(remote) + ": " + e.getMessage(), e);
        }
    }

    private void requireJdbcUrl(String option, String url) {
        if (HttpRemote.is(url)) {
            throw new CliFailure(ExitCodes.CONFIGURATION, option + " " + shown(url) + ": the local database must be a database "
                    + "(a JDBC URL); only --remote may be a sync server");
        }
        if (!url.startsWith("jdbc:")) {
            throw new CliFailure(ExitCodes.CONFIGURATION, option + " must be a JDBC URL starting with 'jdbc:', got '" + shown(url) + "'");
        }
    }

    /**
     * A missing local SQLite file is the empty client and is created; a missing directory is a typo,
     * and an in-memory database would be gone when the command ends.
     */
    private void checkLocalFile() {
        String path = Connect.sqlitePath(local);
        if (path == null) {
            return;
        }
        if (path.isEmpty() || path.startsWith(":memory:") || path.contains("mode=memory")) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "--local " + shown(local) + " is an in-memory SQLite database, "
                    + "which would be lost when the command ends; give a file, e.g. jdbc:sqlite:app.db");
        }
        if (path.startsWith(":resource:")) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "--local " + shown(local) + " is a read-only resource; give a file");
        }
        Path dir = Path.of(path).toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "the directory " + dir + " of the local SQLite file does not exist");
        }
        if (Files.isDirectory(Path.of(path))) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "--local names a directory, not a SQLite file: " + path);
        }
        localFileIsNew = !Files.exists(Path.of(path));
    }

    /** Set when this sync creates the local SQLite file: it is then created in WAL mode (ADR 041). */
    private boolean localFileIsNew;

    private void probe(String side, JdbcUrl url, String u, String p) {
        Pools.probe(side, url, u, p, secrets);
    }

    private HikariDataSource pool(String side, JdbcUrl url, String u, String p) {
        return Pools.pool(side, url, u, p, side.equals("local") && localFileIsNew, secrets);
    }

    private ScopeDefinition remoteDefinition(HikariDataSource ds) {
        Optional<ScopeDefinition> d;
        try {
            d = Provisioner.of(ds).definition(scope);
        } catch (UnsupportedDatabaseException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "the remote " + shown(remote) + ": " + e.getMessage(), e);
        } catch (SqlFailure e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "cannot read the sync metadata of the remote " + shown(remote) + ": "
                    + e.getMessage(), e);
        }
        return d.orElseThrow(() -> new CliFailure(ExitCodes.CONFIGURATION, "scope '" + scope + "' is not provisioned on the remote "
                + shown(remote) + "; run 'syncwright provision --db <remote> --scope " + scope + " --tables ...' there first"));
    }

    private boolean localHasScope(HikariDataSource ds) {
        try {
            return Provisioner.of(ds).definition(scope).isPresent();
        } catch (UnsupportedDatabaseException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "the local " + shown(local) + ": " + e.getMessage(), e);
        } catch (SqlFailure e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "cannot read the sync metadata of the local " + shown(local) + ": "
                    + e.getMessage(), e);
        }
    }

    private interface Opener {
        JdbcSyncProvider open(HikariDataSource ds);
    }

    /** Opening or preparing a replica fails on the set-up (schema, scope, rights), not in the middle of a sync. */
    private JdbcSyncProvider configuration(String what, HikariDataSource ds, Opener opener) {
        try {
            return opener.open(ds);
        } catch (CliFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, what + " failed: " + DatabaseCommand.rootMessage(e)
                    + Failures.advice(e, Failures.side(e, local, remote)), e);
        }
    }

    private void progress(SyncProgress p) {
        committedBatches++;
        view.accept(p);
    }

    /** The size of the snapshot the new local file started from; -1: none. */
    private long snapshotBytes = -1;

    private SyncReport report() {
        return new SyncReport(scope, direction, conflicts, syncDirection, shown(local), shown(remote)).fromSnapshot(snapshotBytes);
    }

    private String shown(String url) {
        return secrets.mask(url);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private int report(int exitCode, String message, Throwable e) {
        if (json) {
            // a script reading stdout gets one object on failure too
            out().println(report().options(JsonError.of(exitCode, secrets.mask(DatabaseCommand.oneLine(message)))).toString());
            out().flush();
        }
        report(message, e);
        return exitCode;
    }

    private void report(String message, Throwable e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(secrets.mask(spec.qualifiedName() + ": " + DatabaseCommand.oneLine(message)));
        if (verbose && e != null) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(secrets.mask(trace.toString()));
        }
        err.flush();
    }

}
