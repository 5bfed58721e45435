package dev.syncwright.cli;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.jdbc.Snapshots;
import dev.syncwright.tracking.Provisioner;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "adopt", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Makes a copy of a snapshot file (`syncwright snapshot`) a client replica of its own: a new replica id, in "
                + "one small transaction, whatever the file's size (ADR 066). Run it once per copy, before its first sync; "
                + "`sync` against a server with snapshots does this itself.",
            "Refused for a file that is not a snapshot waiting to be adopted: a replica in use, or a copy adopted already."},
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright adopt --db jdbc:sqlite:app.db --scope sales"})
final class AdoptCommand extends DatabaseCommand {
    @Option(names = "--scope", required = true, paramLabel = "NAME", description = "Name of the scope.")
    String scope;

    @Option(names = "--json", description = "Print one JSON object: scope, replicaId. On failure: {error: {exitCode, code, message}, scope}.")
    boolean json;

    @Override
    void validate() {
        if (Connect.sqlitePath(connect.url) == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--db must be the SQLite file of a snapshot "
                    + "(jdbc:sqlite:FILE): snapshots are SQLite client files");
        }
    }

    @Override
    int run(DataSource dataSource, Provisioner p) {
        requireScope(p, scope, ": is it a snapshot of that scope?");
        ReplicaId id;
        try {
            id = Snapshots.adopt(dataSource, scope);
        } catch (dev.syncwright.core.SyncException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, e.getMessage(), e);
        }
        return succeeded(json, jsonObject().put("scope", scope).put("replicaId", id.toString()),
                "The snapshot of scope '" + scope + "' is now client replica " + id + "; its first sync brings what changed since the snapshot");
    }

    @Override
    String jsonError(int exitCode, String maskedMessage) {
        return JsonError.ofScope(json, exitCode, maskedMessage, scope);
    }
}
