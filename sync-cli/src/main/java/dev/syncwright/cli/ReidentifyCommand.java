package dev.syncwright.cli;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.Recovery;
import dev.syncwright.tracking.Provisioner;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reidentify", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Gives a replica restored from a backup a new identity. A restored server's clock would hand out versions "
                + "its clients already hold for changes the backup lost; its clients refuse to sync with it and name this "
                + "command.",
            "Its changes after the last one a client is known to have received are sent again under the new identity; its "
                + "clients accept it as their server under the new identity and, on their next sync, send back what the "
                + "backup lost. Run it once, on the restored database, before any client syncs with it."},
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright reidentify --db jdbc:postgresql://db/shop --scope sales"})
final class ReidentifyCommand extends DatabaseCommand {
    @Option(names = "--scope", required = true, paramLabel = "NAME", description = "Name of the scope.")
    String scope;

    @Option(names = "--json", description = "Print one JSON object: scope, formerReplicaId, replicaId. On failure: {error: {exitCode, "
            + "code, message}, scope}.")
    boolean json;

    @Override
    int run(DataSource dataSource, Provisioner p) {
        requireScope(p, scope, "");
        JdbcSyncProvider replica = JdbcSyncProvider.open(dataSource, scope);
        ReplicaId former = replica.replicaId();
        ReplicaId fresh = Recovery.reidentify(replica);
        return succeeded(json, jsonObject().put("scope", scope).put("formerReplicaId", former.toString()).put("replicaId", fresh.toString()),
                "Replica " + former + " of scope '" + scope + "' is now replica " + fresh + "; its clients accept it on their next sync and "
                        + "send back what the backup lost");
    }

    @Override
    String jsonError(int exitCode, String maskedMessage) {
        return JsonError.ofScope(json, exitCode, maskedMessage, scope);
    }
}
