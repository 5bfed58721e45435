package dev.syncwright.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Entry point of the {@code syncwright} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command without exiting the JVM; returns the exit code. */
    static int run(String... args) {
        CommandLine cli = new CommandLine(new SyncwrightCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Main::usageError);
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(
                    cli.getCommandSpec().usageMessage().exitCodeList());
        }
        return cli.execute(args);
    }

    /** The parse failed, so nothing is bound: find the secrets in the raw arguments and the environment. */
    private static Secrets secretsIn(String[] args) {
        Secrets secrets = new Secrets();
        secrets.add(System.getenv(Connect.ENV_PASSWORD));
        for (int i = 0; i < args.length; i++) {
            // any argument may be a URL (--db, --local, --remote, or one given in the wrong place)
            secrets.addUrl(args[i]);
            if (args[i].startsWith("--") && args[i].contains("=")) {
                secrets.addUrl(args[i].substring(args[i].indexOf('=') + 1));
            }
            for (String option : new String[] {"--password", "--local-password"}) {
                if (args[i].equals(option) && i + 1 < args.length) {
                    secrets.add(args[i + 1]);
                } else if (args[i].startsWith(option + "=")) {
                    secrets.add(args[i].substring(option.length() + 1));
                }
            }
        }
        return secrets;
    }

    /** One line, as for every other error, with the way to the help instead of the whole usage text. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        CommandSpec spec = cmd.getCommandSpec();
        PrintWriter err = cmd.getErr();
        String message = e.getMessage() == null ? "bad usage" : e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        Secrets secrets = secretsIn(args);
        String line = message + " (see '" + spec.qualifiedName() + " --help')";
        if (spec.findOption("--json") != null && List.of(args).contains("--json")) {
            // the options may not be bound: the error alone
            cmd.getOut().println(JsonError.of(ExitCodes.USAGE, secrets.mask(line)).toString());
            cmd.getOut().flush();
        }
        err.println(secrets.mask(spec.qualifiedName() + ": " + line));
        err.flush();
        return ExitCodes.USAGE;
    }
}
