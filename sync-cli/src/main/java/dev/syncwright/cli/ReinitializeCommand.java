package dev.syncwright.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.Recovery;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "reinitialize", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Makes the local replica a new replica of the remote, keeping its unsynced changes. For a client whose "
                + "server is now another replica (the scope was provisioned again, or it is another database): sync refuses "
                + "to merge the two and names this command.",
            "First the local changes the former server never received are written into the remote, in one transaction, "
                + "as the remote's own changes (the local values win for the columns they changed). Then the local rows and "
                + "sync metadata of the scope are emptied and the scope is downloaded, as for a new device, and verified. "
                + "If it stops in between, run it again: it completes.",
            "Exit code 0: done and verified equal; 1: done, but verify found rows that differ (changed meanwhile?)."},
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright reinitialize --local jdbc:sqlite:app.db \\",
            "      --remote jdbc:postgresql://new-db/shop --scope sales"})
final class ReinitializeCommand extends PairCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    int run(JdbcSyncProvider localReplica, JdbcSyncProvider remoteReplica) {
        Recovery.Reinitialized r = Recovery.reinitialize(localReplica, remoteReplica);
        if (json) {
            ObjectNode root = jsonRoot(JSON.createObjectNode());
            root.put("formerReplicaId", r.formerId().toString());
            root.put("replicaId", r.newId().toString());
            root.put("keptRows", r.keptRows());
            root.put("downloaded", r.download().download().applied());
            root.put("equal", r.check().equal());
            root.put("differences", r.check().differences().size());
            out().println(root);
        } else if (!quiet) {
            PrintWriter out = out();
            out.println("Reinitialized scope '" + scope + "': the local replica " + r.formerId() + " is now " + r.newId());
            out.println("  kept: " + r.keptRows() + (r.keptRows() == 1 ? " unsynced row" : " unsynced rows") + " written into the remote "
                    + shown(remote));
            out.println("  downloaded: " + r.download().download().applied() + " rows");
            out.println("  verify: " + (r.check().equal() ? "equal (" + r.check().localRows() + " rows)"
                    : r.check().differences().size() + " rows differ; run 'syncwright verify' to see them"));
        }
        out().flush();
        return r.check().equal() ? ExitCodes.OK : ExitCodes.CONFLICTS;
    }
}
