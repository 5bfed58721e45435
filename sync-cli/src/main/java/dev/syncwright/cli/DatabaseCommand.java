package dev.syncwright.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.UnsupportedDatabaseException;
import dev.syncwright.tracking.Provisioner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every database command shares: connection options, {@code --quiet}, {@code --verbose}, and
 * turning any failure into one line on stderr (and a JSON error object on stdout with {@code --json})
 * and an exit code.
 */
abstract class DatabaseCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    Connect connect;

    @Option(names = "--quiet", description = "No output on success (no progress, no result line); errors are still printed.")
    boolean quiet;

    @Option(names = "--verbose", description = "Show stack traces and driver logging on failure.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    final Secrets secrets = new Secrets();

    /** Environment, replaceable in tests; the command reads no other global state. */
    Map<String, String> env = System.getenv();

    /** Does the work on a data source that is known to answer; returns the exit code. */
    abstract int run(DataSource dataSource, Provisioner provisioner);

    /** Refuses (exit 3) when {@code scope} is not provisioned in the database; {@code hint} follows the message. */
    void requireScope(Provisioner p, String scope, String hint) {
        if (p.definition(scope).isEmpty()) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "scope '" + scope + "' is not provisioned in " + connect.shown(secrets) + hint);
        }
    }

    /** Checks option values picocli cannot; throws {@link ParameterException} (exit 2). */
    void validate() {
    }

    @Override
    public final Integer call() {
        Logging.configure(verbose, secrets);
        validate();
        DataSource ds = null;
        try {
            ds = connect.dataSource(env, secrets);
            probe(ds);
            Provisioner provisioner;
            try {
                provisioner = Provisioner.of(ds);
            } catch (UnsupportedDatabaseException e) {
                throw new CliFailure(ExitCodes.CONFIGURATION, e.getMessage(), e);
            } catch (SqlFailure e) {
                throw new CliFailure(ExitCodes.CONFIGURATION, "cannot read the database metadata of "
                        + connect.shown(secrets) + ": " + e.getMessage(), e);
            }
            return run(ds, provisioner);
        } catch (CliFailure e) {
            return report(e.exitCode(), e.getMessage(), e);
        } catch (SchemaException e) {
            // unknown table or scope, no primary key, cycle: the request does not fit the database
            return report(ExitCodes.CONFIGURATION, e.getMessage(), e);
        } catch (UncheckedIOException e) {
            return report(ExitCodes.CONFIGURATION, e.getMessage(), e);
        } catch (RuntimeException e) {
            if (Failures.permissionDenied(e)) {
                // as sync says it: a right the user lacks is configuration, not a failure of the work
                return report(ExitCodes.CONFIGURATION, failedMessage(e) + Failures.grantHint(needs()), e);
            }
            if (Failures.connectionLost(e)) {
                return report(ExitCodes.FAILED, failedMessage(e) + "; the connection to " + connect.shown(secrets)
                        + " was lost: run the command again when the database is reachable", e);
            }
            return report(ExitCodes.FAILED, failedMessage(e) + Failures.advice(e, null), e);
        } finally {
            if (ds instanceof AutoCloseable pool) {
                try {
                    pool.close();
                } catch (Exception ignored) {
                    // closing at the end; the result is already decided
                }
            }
        }
    }

    /** The rights the command needs, for the message when one is missing. */
    String needs() {
        return "SELECT on the scope's tables and on the syncwright_* tables";
    }

    /** What a failure in the middle of the work means for the database; overridden where it changes it. */
    String failedMessage(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Connects once up front, so that "cannot connect" is told apart from a failing statement. */
    private void probe(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            c.getMetaData();
        } catch (SQLException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "cannot connect to " + connect.shown(secrets) + ": "
                    + rootMessage(e), e);
        }
    }

    /**
     * Drivers wrap the interesting part (connection refused, unknown host, timeout) several levels
     * down; name the innermost cause when the top message does not already say it.
     */
    static String rootMessage(Throwable e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !msg.contains(root.getMessage())) {
            return msg + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return msg;
    }

    /** The JSON error object on stdout for a command run with {@code --json}; null: none. */
    String jsonError(int exitCode, String maskedMessage) {
        return null;
    }

    int report(int exitCode, String message, Throwable e) {
        String json = jsonError(exitCode, secrets.mask(oneLine(message)));
        if (json != null) {
            out().println(json);
            out().flush();
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(secrets.mask(spec.qualifiedName() + ": " + oneLine(message)));
        if (verbose && e != null) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(secrets.mask(trace.toString()));
        }
        err.flush();
        return exitCode;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A one-object result for {@code --json}. */
    static ObjectNode jsonObject() {
        return JSON.createObjectNode();
    }

    /**
     * The result of a command that succeeded: {@code result} on stdout with {@code --json}, else
     * {@code text} unless {@code --quiet}.
     */
    int succeeded(boolean json, ObjectNode result, String text) {
        if (json) {
            out().println(result);
        } else if (!quiet) {
            out().println(text);
        }
        out().flush();
        return ExitCodes.OK;
    }

    /** Database messages span lines (PostgreSQL's "Where:", "Position:"); the contract is one line. */
    static String oneLine(String s) {
        return s == null ? "failed" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

}
