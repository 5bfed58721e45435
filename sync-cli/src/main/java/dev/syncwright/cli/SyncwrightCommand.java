package dev.syncwright.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(name = "syncwright", mixinStandardHelpOptions = true, versionProvider = SyncwrightCommand.Version.class,
        subcommands = {ProvisionCommand.class, DeprovisionCommand.class, StatusCommand.class},
        description = "Knowledge-based multi-master database sync for PostgreSQL, MySQL/MariaDB and SQLite.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "2:Bad usage: unknown or missing option.",
            "3:Connection or configuration error (server unreachable, wrong password, unknown table or scope, no primary key).",
            "4:Failed while changing the database (rolled back where the database supports transactional DDL)."},
        footerHeading = "%nCredentials:%n",
        footer = {"  --user/--password, else $SYNCWRIGHT_DB_USER/$SYNCWRIGHT_DB_PASSWORD, else the",
            "  JDBC URL. Passwords are never printed.",
            "",
            "Examples:",
            "  syncwright provision --db jdbc:postgresql://localhost/shop \\",
            "      --scope sales --tables customers,orders",
            "  syncwright status --db jdbc:postgresql://localhost/shop --scope sales --json",
            "  syncwright deprovision --db jdbc:postgresql://localhost/shop --scope sales",
            "  syncwright COMMAND --help"})
final class SyncwrightCommand implements Runnable {

    /** Without a command: show the help (picocli then exits 0; a missing command is not an error worth a 2). */
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing COMMAND (provision, deprovision, status)");
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SyncwrightCommand.class.getPackage().getImplementationVersion();
            return new String[] {"syncwright " + (v == null ? "(development build)" : v)};
        }
    }
}
