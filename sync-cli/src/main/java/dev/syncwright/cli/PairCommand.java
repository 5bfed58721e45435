package dev.syncwright.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.UnsupportedDatabaseException;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.tracking.Provisioner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command on two replicas of a scope that both exist already (verify, reinitialize): the options,
 * connecting, opening the scope on each side, and turning a failure into one line and an exit code.
 */
abstract class PairCommand implements Callable<Integer> {
    @Option(names = "--local", required = true, paramLabel = "JDBC_URL", order = 1, description = "The client database, e.g. jdbc:sqlite:app.db.")
    String local;

    @Option(names = "--remote", required = true, paramLabel = "JDBC_URL", order = 2,
            description = "The server database, e.g. jdbc:postgresql://host/db or jdbc:mysql://host/db.")
    String remote;

    @Option(names = "--scope", required = true, paramLabel = "NAME", order = 3, description = "Name of the scope.")
    String scope;

    @Option(names = "--json", order = 7, description = "Print one JSON object (see above); on failure {error: {exitCode, code, message}, scope}.")
    boolean json;

    @Mixin
    PairCredentials credentials;

    @Option(names = "--quiet", order = 12, description = "No output on success; errors and --json output only.")
    boolean quiet;

    @Option(names = "--verbose", order = 13, description = "Show stack traces and driver logging on failure.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    final Secrets secrets = new Secrets();

    /** Environment, replaceable in tests. */
    Map<String, String> env = System.getenv();

    /** The work, on both replicas opened; returns the exit code. */
    abstract int run(JdbcSyncProvider localReplica, JdbcSyncProvider remoteReplica);

    /** Option values picocli cannot check; throws {@link ParameterException} (exit 2). */
    void validate() {
        if (scope.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--scope must not be blank");
        }
    }

    @Override
    public final Integer call() {
        Logging.configure(verbose, secrets);
        validate();
        PairCredentials.Resolved db = credentials.resolve(local, remote, env, secrets);
        HikariDataSource remotePool = null;
        HikariDataSource localPool = null;
        try {
            requireJdbcUrl("--remote", remote);
            requireJdbcUrl("--local", local);
            Connect.requireSqliteFile(local);
            Pools.probe("remote", db.remoteUrl(), db.remoteUser(), db.remotePassword(), secrets);
            Pools.probe("local", db.localUrl(), db.localUser(), db.localPassword(), secrets);
            remotePool = Pools.pool("remote", db.remoteUrl(), db.remoteUser(), db.remotePassword(), false, secrets);
            localPool = Pools.pool("local", db.localUrl(), db.localUser(), db.localPassword(), false, secrets);
            JdbcSyncProvider remoteReplica = open("remote", remote, remotePool);
            JdbcSyncProvider localReplica = open("local", local, localPool);
            return run(localReplica, remoteReplica);
        } catch (CliFailure e) {
            return report(e.exitCode(), e.getMessage(), e);
        } catch (RuntimeException e) {
            String message = spec.name() + " of scope '" + scope + "' failed: " + DatabaseCommand.rootMessage(e);
            String side = Failures.side(e, local, remote);
            if (Failures.permissionDenied(e)) {
                return report(ExitCodes.CONFIGURATION, message + Failures.grantHint(SyncCommand.RIGHTS
                        + (side == null ? "" : ", on the " + side + " database")), e);
            }
            return report(ExitCodes.FAILED, message + Failures.advice(e, side), e);
        } finally {
            Pools.close(localPool);
            Pools.close(remotePool);
        }
    }

    private void requireJdbcUrl(String option, String url) {
        if (!url.startsWith("jdbc:")) {
            throw new CliFailure(ExitCodes.CONFIGURATION, option + " must be a JDBC URL starting with 'jdbc:', got '" + shown(url) + "'");
        }
    }

    private JdbcSyncProvider open(String side, String url, HikariDataSource ds) {
        try {
            if (Provisioner.of(ds).definition(scope).isEmpty()) {
                throw new CliFailure(ExitCodes.CONFIGURATION, "scope '" + scope + "' is not provisioned on the " + side + " database "
                        + shown(url) + (side.equals("local") ? "; sync it once first ('syncwright sync')" : ""));
            }
            return JdbcSyncProvider.open(ds, scope);
        } catch (UnsupportedDatabaseException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "the " + side + " database " + shown(url) + ": " + e.getMessage(), e);
        } catch (SqlFailure e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "cannot read the sync metadata of the " + side + " database " + shown(url)
                    + ": " + e.getMessage(), e);
        }
    }

    String shown(String url) {
        return secrets.mask(url);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The JSON object every output of the command starts from. */
    ObjectNode jsonRoot(ObjectNode root) {
        return root.put("scope", scope);
    }

    int report(int exitCode, String message, Throwable e) {
        if (json) {
            out().println(jsonRoot(JsonError.of(exitCode, secrets.mask(DatabaseCommand.oneLine(message)))).toString());
            out().flush();
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(secrets.mask(spec.qualifiedName() + ": " + DatabaseCommand.oneLine(message)));
        if (verbose && e != null) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(secrets.mask(trace.toString()));
        }
        err.flush();
        return exitCode;
    }
}
