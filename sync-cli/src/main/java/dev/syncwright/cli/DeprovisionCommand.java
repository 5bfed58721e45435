package dev.syncwright.cli;

import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.ProvisioningPlan;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deprovision", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Removes the scope's triggers, tracking tables and registration, and the shared sync objects when it "
                + "was the last scope. The user's tables and rows are not touched.",
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright deprovision --db jdbc:postgresql://localhost/shop --scope sales",
            "  syncwright deprovision --db jdbc:sqlite:app.db --scope sales --quiet"})
final class DeprovisionCommand extends DatabaseCommand {
    @Option(names = "--scope", required = true, paramLabel = "NAME", description = "Name of the scope to remove.")
    String scope;

    private Provisioner provisioner;

    @Override
    int run(DataSource dataSource, Provisioner p) {
        this.provisioner = p;
        int tables = p.definition(scope).map(d -> d.tables().size()).orElse(0);
        ProvisioningPlan plan = p.deprovision(scope);
        if (quiet) {
            return ExitCodes.OK;
        }
        out().println("Deprovisioned scope '" + scope + "' on " + p.dialect().id() + ": tracking removed from " + tables
                + (tables == 1 ? " table" : " tables") + " (" + plan.statements().size() + " statements).");
        return ExitCodes.OK;
    }

    @Override
    String needs() {
        return "DROP, ALTER, TRIGGER, SELECT and DELETE on the tables and in the schema; PostgreSQL: owning the tables";
    }

    @Override
    String failedMessage(RuntimeException e) {
        boolean rolledBack = provisioner != null && provisioner.dialect().capabilities().transactionalDdl();
        return "deprovisioning scope '" + scope + "' failed" + (rolledBack ? " and was rolled back: " : ": ") + e.getMessage();
    }
}
