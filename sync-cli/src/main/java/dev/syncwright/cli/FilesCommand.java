package dev.syncwright.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code syncwright files ...}: folder trees as replicas (module file-sync). */
@Command(name = "files", mixinStandardHelpOptions = true, subcommands = {FilesSyncCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        description = "Sync folder trees with each other, multi-master: edits, renames and moves travel, concurrent edits "
                + "keep both versions. Metadata lives in .syncwright/ inside each folder.",
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright files sync ~/Documents /media/usb/Documents",
            "  syncwright files sync a b --dry-run",
            "  syncwright files COMMAND --help"})
final class FilesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing COMMAND (sync)");
    }
}
