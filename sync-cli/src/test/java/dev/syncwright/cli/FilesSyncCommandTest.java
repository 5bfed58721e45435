package dev.syncwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwright.files.FolderReplica;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code syncwright files sync} in process, on real folders. */
class FilesSyncCommandTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SyncwrightCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void dryRunThenSyncWithJson() throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        Files.writeString(a.resolve("hello.txt"), "hello");
        Files.createDirectories(b.resolve("sub"));
        Files.writeString(b.resolve("sub/world.txt"), "world");
        Files.createSymbolicLink(a.resolve("link"), Path.of("hello.txt"));

        Run preview = run("files", "sync", a.toString(), b.toString(), "--dry-run", "--no-fsync");
        assertThat(preview.exit()).as(preview.err()).isZero();
        assertThat(preview.out()).contains("would b: create hello.txt").contains("would a: create sub/world.txt").contains("Dry run")
                .contains("would a: skip link (a symbolic link: only regular files sync)").contains("1 skip");
        assertThat(Files.exists(b.resolve("hello.txt"))).isFalse();

        Run sync = run("files", "sync", a.toString(), b.toString(), "--json", "--no-fsync");
        assertThat(sync.exit()).as(sync.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(sync.out());
        assertThat(j.get("counts").get("create").asLong()).isEqualTo(2);
        assertThat(j.get("counts").get("skip").asLong()).isEqualTo(1);
        assertThat(j.get("bytesCopied").asLong()).isEqualTo(10);
        assertThat(j.get("dryRun").asBoolean()).isFalse();
        assertThat(Files.readString(b.resolve("hello.txt"))).isEqualTo("hello");
        assertThat(Files.readString(a.resolve("sub/world.txt"))).isEqualTo("world");

        Run idle = run("files", "sync", a.toString(), b.toString(), "--json");
        assertThat(new ObjectMapper().readTree(idle.out()).get("sent").asLong()).isZero();
    }

    @Test
    void usageAndConfigurationErrorsHaveTheirExitCodes() throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        assertThat(run("files", "sync", a.toString()).exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("files", "sync", a.toString(), a.resolveSibling("b").toString(), "--conflicts", "coin-toss").exit()).isEqualTo(ExitCodes.USAGE);
        Run missing = run("files", "sync", a.toString(), tmp.resolve("missing").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(missing.err().strip()).contains("does not exist").doesNotContain("\n");
        assertThat(run("files", "sync", a.toString(), a.toString()).exit()).isEqualTo(ExitCodes.CONFIGURATION);
    }

    @Test
    void aFolderInUseFailsTheCommandAndTheOtherFolderIsReleased() throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        Files.writeString(a.resolve("x.txt"), "x");
        for (Path busy : List.of(a, b)) {
            Path other = busy.equals(a) ? b : a;
            try (FolderReplica held = FolderReplica.open(busy)) {
                Run r = run("files", "sync", a.toString(), b.toString());
                assertThat(r.exit()).isEqualTo(ExitCodes.CONFIGURATION);
                assertThat(r.err()).contains(busy.toString()).contains("another process");
                FolderReplica.open(other).close(); // not left locked by the failed command
            }
        }
        assertThat(run("files", "sync", a.toString(), b.toString(), "--quiet").exit()).isEqualTo(ExitCodes.OK);
        assertThat(b.resolve("x.txt")).hasContent("x");
    }
}
