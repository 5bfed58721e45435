package dev.syncwright.cli;

import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.Snapshots;
import dev.syncwright.tracking.Provisioner;
import java.nio.file.Path;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "snapshot", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Writes a snapshot of a scope: a ready SQLite client file that new devices start from instead of downloading "
                + "the scope row by row (ADR 066). `serve --snapshots DIR` keeps one up to date for devices syncing over HTTP; "
                + "this command makes one to hand out another way (an app bundle, a USB stick).",
            "The scope's template, a client kept in DIR, is brought up to date first (the whole scope the first time, what "
                + "changed since afterwards). A device makes a copy of the file its own with `syncwright adopt` before its first "
                + "sync, which then brings what changed since the snapshot."},
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright snapshot --db jdbc:postgresql://db/shop --scope sales --dir /srv/snapshots",
            "  cp /srv/snapshots/sales-*.snapshot.db app.db && syncwright adopt --db jdbc:sqlite:app.db --scope sales"})
final class SnapshotCommand extends DatabaseCommand {
    @Option(names = "--scope", required = true, paramLabel = "NAME", description = "Name of the scope.")
    String scope;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where the template and the snapshot files are kept.")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object: scope, file, bytes, sha256, serverReplicaId. On failure: {error: "
            + "{exitCode, code, message}, scope}.")
    boolean json;

    @Override
    int run(DataSource dataSource, Provisioner p) {
        requireScope(p, scope, "; run `syncwright provision` first");
        JdbcSyncProvider server = JdbcSyncProvider.open(dataSource, scope);
        Snapshots.Published s = Snapshots.prepare(server, dir);
        return succeeded(json, jsonObject().put("scope", scope).put("file", s.file().toString()).put("bytes", s.bytes())
                .put("sha256", s.sha256()).put("serverReplicaId", s.server().toString()),
                String.format(java.util.Locale.ROOT, "Snapshot of scope '%s': %s (%.1f MB, SHA-256 %s)", scope, s.file(), s.bytes() / 1e6,
                        s.sha256()));
    }

    @Override
    String jsonError(int exitCode, String maskedMessage) {
        return JsonError.ofScope(json, exitCode, maskedMessage, scope);
    }
}
