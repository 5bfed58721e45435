package dev.syncwright.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder on a real exFAT volume (a USB stick: names without case, no hard links, coarse
 * timestamps) against one on this machine's case-sensitive ext4, as the README's relay does. Until
 * now the case-insensitive paths were only simulated ({@code caseInsensitive(true)} on ext4).
 */
class ExfatVolumeTest {
    @TempDir
    Path tmp;

    @Test
    void aFolderOnAnExfatStickSyncsWithOneOnExt4() throws Exception {
        try (Exfat stick = Exfat.mount(tmp, 64)) {
            Path a = Files.createDirectory(tmp.resolve("laptop"));
            Path b = Files.createDirectory(stick.root.resolve("docs"));
            Tree.write(a, "Notes.txt", "Notes, capital N");
            Tree.write(a, "notes.txt", "notes, small n"); // one name on the stick: both must survive
            Tree.write(a, "work/Plan.md", "the plan");
            Tree.write(a, "x.txt", "renamed by case later");
            Tree.write(b, "WORK/todo.md", "made on the stick, in WORK"); // the same folder, in another case
            try (FolderReplica ra = FolderReplica.at(a).name("laptop").fsync(false).open();
                    FolderReplica rb = FolderReplica.at(b).name("stick").fsync(false).open()) {
                converge(ra, rb);
                assertSame(a, b);
                assertThat(Tree.files(a).values()).contains("Notes, capital N", "notes, small n", "the plan", "made on the stick, in WORK");

                Tree.changeCase(a, "x.txt", "X.txt"); // a case-only rename on the laptop reaches the stick
                converge(ra, rb);
                assertThat(Tree.files(b)).containsKey("X.txt").doesNotContainKey("x.txt");
                assertSame(a, b);

                String plan = Tree.files(b).keySet().stream().filter(p -> p.endsWith("Plan.md")).findFirst().orElseThrow();
                Tree.changeCase(b, plan, plan.replace("Plan.md", "PLAN.md")); // and one on the stick reaches the laptop
                converge(ra, rb);
                assertThat(Tree.files(a)).containsKey(plan.replace("Plan.md", "PLAN.md"));
                assertSame(a, b);

                Tree.write(a, "x.TXT", "a new file whose name the stick already holds"); // on ext4, next to X.txt
                converge(ra, rb);
                assertSame(a, b);
                assertThat(Tree.files(b).values()).contains("renamed by case later", "a new file whose name the stick already holds");
            }
        }
    }

    /**
     * A stick keeps no permissions: a script that crosses it arrives as a plain file (as git on FAT
     * does), and an edit made on the stick keeps the bit of the file it replaces.
     */
    @Test
    void theExecutableBitIsKeptWhereTheStickCannotSayIt() throws Exception {
        try (Exfat stick = Exfat.mount(tmp, 64)) {
            Path a = Files.createDirectory(tmp.resolve("laptop"));
            Path b = Files.createDirectory(stick.root.resolve("relay"));
            Path c = Files.createDirectory(tmp.resolve("desktop"));
            Tree.write(a, "run.sh", "#!/bin/sh\n");
            ExecutableFileSyncTest.mode(a, "run.sh", "rwxr-xr-x");
            try (FolderReplica ra = FolderReplica.at(a).name("laptop").fsync(false).open();
                    FolderReplica rb = FolderReplica.at(b).name("stick").fsync(false).open();
                    FolderReplica rc = FolderReplica.at(c).name("desktop").fsync(false).open()) {
                converge(ra, rb);
                converge(rb, rc);
                assertThat(ExecutableFileSyncTest.executables(c)).containsEntry("run.sh", "-");
                Tree.write(b, "run.sh", "#!/bin/sh\necho edited on the stick\n");
                converge(ra, rb);
                assertThat(Tree.read(a, "run.sh")).contains("edited on the stick");
                assertThat(ExecutableFileSyncTest.executables(a)).as("the laptop's script stays executable").containsEntry("run.sh", "x");
            }
        }
    }

    /** Syncs until a sync sends nothing (a conflict copy or clash rename takes a second pass, within the same run). */
    private static void converge(FolderReplica ra, FolderReplica rb) {
        for (int i = 0; i < 4; i++) {
            if (FolderSync.between(ra, rb).run().sent() == 0) {
                return;
            }
        }
        throw new AssertionError("still sending after 4 syncs");
    }

    /** Both trees hold the same names with the same contents, and no two names in either differ only in case. */
    private static void assertSame(Path a, Path b) {
        Map<String, String> ta = Tree.files(a);
        assertThat(Tree.files(b)).isEqualTo(ta);
        assertThat(ta.keySet().stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toSet())).hasSameSizeAs(ta.keySet());
    }
}
