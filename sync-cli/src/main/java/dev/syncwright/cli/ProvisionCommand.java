package dev.syncwright.cli;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.ProvisioningPlan;
import dev.syncwright.tracking.ScopeDefinition;
import dev.syncwright.tracking.SyncScope;
import dev.syncwright.tracking.liquibase.LiquibaseChangelog;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "provision", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Adds change tracking for a scope to an existing schema: tracking tables, triggers and a backfill "
                + "of the existing rows. The user's tables are not changed. Running it again is a no-op, and after "
                + "ALTER TABLE ... ADD COLUMN it adds the new columns' tracking.",
            "With --changelog nothing is applied: the same provisioning is written as a Liquibase changelog to review "
                + "and apply with your migrations.",
            "Progress goes to stderr (a spinner with the elapsed time on a terminal, plain lines otherwise, none with "
                + "--quiet); the result line to stdout."},
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright provision --db jdbc:postgresql://localhost/shop \\",
            "      --scope sales --tables customers,orders",
            "  syncwright provision --db jdbc:postgresql://localhost/shop \\",
            "      --scope stock --tables inventory.items,inventory.moves --quiet",
            "  SYNCWRIGHT_DB_PASSWORD=... syncwright provision --user app \\",
            "      --db jdbc:mysql://db/shop --scope sales --tables customers,orders",
            "  syncwright provision --db jdbc:postgresql://localhost/shop \\",
            "      --scope sales --tables customers,orders --capture logical",
            "  syncwright provision --db jdbc:sqlite:app.db --scope sales --tables orders \\",
            "      --changelog db/changelog/syncwright-sales.xml"})
final class ProvisionCommand extends DatabaseCommand {
    @Option(names = "--scope", required = true, paramLabel = "NAME", description = "Name of the scope (a set of tables synced together).")
    String scope;

    @Option(names = "--tables", required = true, split = ",", paramLabel = "TABLE",
            description = "Comma-separated tables of the scope: TABLE in the database's default schema, or SCHEMA.TABLE "
                    + "(a PostgreSQL schema, the MySQL/MariaDB database, SQLite's main). Every table needs a primary key.")
    List<String> tables;

    @Option(names = "--changelog", paramLabel = "FILE", description = "Write a Liquibase XML changelog to FILE instead of provisioning.")
    Path changelog;

    @Option(names = "--capture", paramLabel = "MODE", defaultValue = "triggers",
            description = "How changes are captured: triggers (the default: row triggers write the tracking rows in the writer's "
                    + "transaction) or logical (PostgreSQL with wal_level = logical: a logical replication slot is read before "
                    + "each sync and by 'syncwright capture'; the user's writes carry no trigger). A scope captured from the "
                    + "log stays so when provisioned again. Default: ${DEFAULT-VALUE}.")
    String capture;

    private Provisioner provisioner;
    private SyncScope request;

    @Override
    void validate() {
        if (scope.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--scope must not be blank");
        }
        if (tables.stream().anyMatch(String::isBlank)) {
            throw new ParameterException(spec.commandLine(), "--tables has an empty table name: " + String.join(",", tables));
        }
        try {
            request = SyncScope.named(scope).tables(tables.stream().map(String::strip).toList()).build();
        } catch (SyncException e) {
            throw new ParameterException(spec.commandLine(), "--tables: " + e.getMessage());
        }
    }

    @Override
    int run(DataSource dataSource, Provisioner p) {
        this.provisioner = p;
        SyncScope s = request;
        if (changelog != null && !capture.equals("triggers")) {
            throw new ParameterException(spec.commandLine(), "--capture " + capture + " cannot be written as a changelog: "
                    + "provision without --changelog (a replication slot is no schema object)");
        }
        if (changelog != null) {
            ProvisioningPlan plan = p.plan(s);
            LiquibaseChangelog log = LiquibaseChangelog.of(plan, p.dialect());
            log.write(changelog);
            if (quiet) {
                return ExitCodes.OK;
            }
            out().println(plan.isEmpty()
                    ? "Scope '" + scope + "' is already provisioned and up to date; wrote an empty changelog to " + changelog
                    : "Wrote " + log.changeSetIds().size() + " changeSets (" + plan.statements().size() + " statements) for scope '"
                            + scope + "' to " + changelog + "; nothing was applied.");
            return ExitCodes.OK;
        }
        Progress progress = Progress.of(quiet, spec.commandLine().getErr());
        long started = System.nanoTime();
        ProvisioningPlan plan;
        try (Progress.Bar spinner = progress.spinner("Provisioning '" + scope + "' (tracking, triggers, backfill)")) {
            plan = p.provision(s, capture);
        }
        // in plain mode one line afterwards, not before: a failure must stay the only line on stderr
        progress.line("provision: tracking tables, triggers and the backfill of existing rows took "
                + Progress.seconds(java.time.Duration.ofNanos(System.nanoTime() - started)));
        if (quiet) {
            return ExitCodes.OK;
        }
        out().println(plan.isEmpty()
                ? "Scope '" + scope + "' is already provisioned and up to date; nothing to do."
                : "Provisioned scope '" + scope + "' on " + p.dialect().id() + " (" + plan.statements().size() + " statements): "
                        + plan.definition().map(ProvisionCommand::tableNames).orElse("")
                        + (capture.equals("triggers") ? "" : ", captured from the log (" + capture + ")") + ".");
        return ExitCodes.OK;
    }

    @Override
    String needs() {
        return "CREATE, ALTER, DROP, TRIGGER, SELECT, INSERT, UPDATE and DELETE on the tables and in the schema; PostgreSQL: owning the tables"
                + (capture.equals("logical") ? ", and for --capture logical the REPLICATION attribute (or superuser) and CREATE on the "
                + "database (publications)" : "");
    }

    @Override
    String failedMessage(RuntimeException e) {
        boolean rolledBack = provisioner != null && provisioner.dialect().capabilities().transactionalDdl();
        return "provisioning scope '" + scope + "' failed" + (rolledBack ? " and was rolled back: "
                : " (this database cannot roll back DDL; run 'syncwright deprovision' if the scope was registered): ")
                + e.getMessage();
    }

    private static String tableNames(ScopeDefinition d) {
        return d.tables().stream().map(TableDefinition::name).map(Object::toString).collect(Collectors.joining(", "));
    }
}
