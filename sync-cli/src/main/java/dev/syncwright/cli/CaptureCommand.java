package dev.syncwright.cli;

import dev.syncwright.tracking.Provisioner;
import java.time.Duration;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "capture", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"For a scope provisioned with --capture logical (PostgreSQL): reads the replication slot and writes the "
                + "tracking rows of every change committed since the last capture, as each sync does before it enumerates. "
                + "Run it between syncs (--follow) so that the slot does not hold the server's log for long.",
            "A slot more than --max-lag-bytes behind is dropped instead, with a failure that names it: syncs then fail until "
                + "'syncwright provision ... --capture logical' is run again."},
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright capture --db jdbc:postgresql://localhost/shop --scope sales",
            "  syncwright capture --db jdbc:postgresql://localhost/shop --scope sales --follow --interval-seconds 10 \\",
            "      --max-lag-bytes 8589934592"})
final class CaptureCommand extends DatabaseCommand {
    @Option(names = "--scope", required = true, paramLabel = "NAME", description = "Name of the scope.")
    String scope;

    @Option(names = "--follow", description = "Capture again every --interval-seconds until stopped.")
    boolean follow;

    @Option(names = "--interval-seconds", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between two captures with --follow. Default: ${DEFAULT-VALUE}.")
    long interval;

    @Option(names = "--max-lag-bytes", paramLabel = "BYTES", defaultValue = "0",
            description = "Drop the slot when it is more than BYTES behind the end of the log (0: never; PostgreSQL's "
                    + "max_slot_wal_keep_size bounds it on the server too). Default: ${DEFAULT-VALUE}.")
    long maxLag;

    @Override
    int run(DataSource dataSource, Provisioner p) {
        do {
            long started = System.nanoTime();
            long rows = p.capture(scope, maxLag);
            if (!quiet) {
                out().println("Captured " + rows + (rows == 1 ? " row change" : " row changes") + " of scope '" + scope + "' in "
                        + Progress.seconds(Duration.ofNanos(System.nanoTime() - started)) + ".");
                out().flush();
            }
            if (follow) {
                try {
                    Thread.sleep(Duration.ofSeconds(Math.max(1, interval)).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ExitCodes.OK;
                }
            }
        } while (follow);
        return ExitCodes.OK;
    }

    @Override
    String needs() {
        return "SELECT, INSERT and UPDATE on the scope's tracking tables, and the REPLICATION attribute (or superuser) to read the slot";
    }

    @Override
    String failedMessage(RuntimeException e) {
        return "capturing scope '" + scope + "' failed: " + e.getMessage();
    }
}
