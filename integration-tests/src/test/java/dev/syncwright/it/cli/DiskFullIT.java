package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a disk that fills up while the first sync creates the client's tables reported "cannot
 * commit - no transaction is active" (the clean-up after SQLite's own rollback hid SQLITE_FULL). A
 * real full disk: a small tmpfs (needs root, as on CI; skipped where mounting is not allowed), filled
 * at each step of the first sync in turn by growing its size.
 */
class DiskFullIT {
    @TempDir
    Path dir;

    @Test
    void aFullDiskIsNamedAtEveryStepOfTheFirstSync() throws Exception {
        try (TestDatabase pg = TestDatabases.postgres("cli_disk_full")) {
            StringBuilder tables = new StringBuilder();
            for (int i = 1; i <= 8; i++) {
                SyncContractIT.exec(pg, "CREATE TABLE t" + i + " (id INTEGER PRIMARY KEY, a VARCHAR(50), b INTEGER, c TEXT)");
                SyncContractIT.exec(pg, "INSERT INTO t" + i + " SELECT g, 'row ' || g, g, repeat('x', 200) FROM generate_series(1, 300) g");
                tables.append(i > 1 ? "," : "").append("t").append(i);
            }
            Syncwright.run("provision", "--db", pg.jdbcUrl(), "--scope", "s", "--tables", tables.toString()).succeeds();
            List<String> failures = new ArrayList<>();
            for (int kb : new int[] {64, 128, 320, 4096}) {
                Path disk = mount(kb);
                try {
                    Syncwright.Result r = Syncwright.run("sync", "--local", "jdbc:sqlite:" + disk.resolve("c.db"), "--remote",
                            pg.jdbcUrl(), "--scope", "s", "--quiet");
                    if (kb == 4096) {
                        r.succeeds();
                        continue;
                    }
                    r.failsWithOneLine(r.exit());
                    assertThat(r.exit()).as("%d KB: %s", kb, r.err()).isIn(Cli.CONFIGURATION, Cli.FAILED);
                    assertThat(r.err()).as("%d KB", kb).contains("disk is full", "local database is full: free space")
                            .doesNotContain("no transaction is active", "auto-commit");
                    failures.add(r.err());
                } finally {
                    umount(disk);
                }
            }
            assertThat(failures).as("creating the client tables, then provisioning them, then a batch")
                    .anyMatch(e -> e.contains("Creating the client tables"))
                    .anyMatch(e -> e.contains("provisioning"))
                    .anyMatch(e -> e.contains("Applying a batch"));
        }
    }

    /**
     * The same for a folder sync: a destination folder on a disk too small for what it receives,
     * filled at different points (creating its metadata, the copies), fails in one line that names
     * the full disk, and never as a rollback that found no transaction. (The case where SQLite's
     * own rollback hid the full disk, met once filling a volume during a detection pass, is pinned
     * by sync-core's {@code FailedRollbackTest}; these sizes do not reach it.)
     */
    @Test
    void aFullDiskIsNamedWhenAFolderSyncFillsIt() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < 60; i++) {
            byte[] b = new byte[4_000 + rnd.nextInt(16_000)];
            rnd.nextBytes(b);
            Files.write(Files.createDirectories(source.resolve("d" + i % 6)).resolve("f" + i + ".bin"), b);
        }
        List<String> failures = new ArrayList<>();
        for (int kb : new int[] {48, 96, 192, 384, 768, 4096}) {
            Path disk = mount(kb);
            try {
                Syncwright.Result r = Syncwright.run("files", "sync", source.toString(), disk.toString(), "--quiet", "--no-recycle");
                if (kb == 4096) {
                    r.succeeds();
                    continue;
                }
                r.failsWithOneLine(r.exit());
                assertThat(r.exit()).as("%d KB: %s", kb, r.err()).isIn(Cli.CONFIGURATION, Cli.FAILED);
                assertThat(r.err()).as("%d KB", kb).containsAnyOf("No space left on device", "disk is full")
                        .doesNotContain("no transaction is active");
                failures.add(r.err());
            } finally {
                umount(disk);
            }
        }
        assertThat(failures).as("every disk but the last is too small").hasSize(5);
    }

    private Path mount(int kb) throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk" + kb));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kb + "k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor() == 0, "cannot mount a small tmpfs here (needs root): " + out.strip());
        return disk;
    }

    private static void umount(Path disk) throws IOException, InterruptedException {
        new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
    }
}
