package dev.syncwright.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(name = "syncwright", mixinStandardHelpOptions = true, versionProvider = SyncwrightCommand.Version.class,
        subcommands = {ProvisionCommand.class, DeprovisionCommand.class, CaptureCommand.class, SyncCommand.class, StatusCommand.class,
            VerifyCommand.class, ReinitializeCommand.class, ReidentifyCommand.class, ServeCommand.class, SnapshotCommand.class,
            AdoptCommand.class, DemoCommand.class, FilesCommand.class},
        description = "Knowledge-based multi-master database sync for PostgreSQL, MySQL/MariaDB and SQLite.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:sync finished, but conflicts were deferred (--conflicts defer, or rows the database refused); they wait "
                + "in the conflict log and come again on the next sync. verify: rows differ.",
            "2:Bad usage: unknown or missing option.",
            "3:Connection or configuration error (server unreachable, wrong password, a right the database user lacks, "
                + "unknown table or scope, no primary key).",
            "4:Failed while changing the database (rolled back where the database supports transactional DDL; for sync: "
                + "the failing batch was rolled back, committed batches stay and the next sync resumes; for demo: the final "
                + "check found a difference).",
            "130:sync interrupted (Ctrl-C, SIGTERM): committed batches stay and the next sync resumes."},
        footerHeading = "%nCredentials:%n",
        footer = {"  --user/--password, else $SYNCWRIGHT_DB_USER/$SYNCWRIGHT_DB_PASSWORD, else the",
            "  JDBC URL. Passwords are never printed.",
            "",
            "Examples:",
            "  syncwright provision --db jdbc:postgresql://localhost/shop \\",
            "      --scope sales --tables customers,orders",
            "  syncwright sync --local jdbc:sqlite:app.db \\",
            "      --remote jdbc:postgresql://localhost/shop --scope sales",
            "  syncwright status --db jdbc:postgresql://localhost/shop --scope sales --json",
            "  syncwright verify --local jdbc:sqlite:app.db \\",
            "      --remote jdbc:postgresql://localhost/shop --scope sales",
            "  syncwright deprovision --db jdbc:postgresql://localhost/shop --scope sales",
            "  syncwright demo          # embedded PostgreSQL + SQLite client, no set-up",
            "  syncwright COMMAND --help"})
final class SyncwrightCommand implements Runnable {

    /** Without a command: show the help (picocli then exits 0; a missing command is not an error worth a 2). */
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing COMMAND (provision, deprovision, sync, status, verify, reinitialize, reidentify, serve, demo, files)");
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SyncwrightCommand.class.getPackage().getImplementationVersion();
            return new String[] {"syncwright " + (v == null ? "(development build)" : v)};
        }
    }
}
