package dev.syncwright.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * New files copied into the other folder in the same read as their scan hashes them (ADR 050,
 * "Writes"): the sync's writes take those copies, anything else is deleted by the end of the run,
 * and the result is the same as without them. Enough files that the scan hashes on the pool.
 */
class ScanCopyTest extends TwoFolders {
    static final int FILES = 40;

    private FolderSyncResult sync(Path a, Path b) {
        if (ra == null) {
            ra = FolderReplica.at(a).name("alpha").fsync(true).open();
            rb = FolderReplica.at(b).name("beta").fsync(true).open();
        }
        return FolderSync.between(ra, rb).run();
    }

    private static Path filled(Path dir, String prefix) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < FILES; i++) {
            Tree.write(dir, prefix + "/d" + (i % 3) + "/f" + i + ".txt", prefix + " content " + i + "x".repeat(i * 50));
        }
        return dir;
    }

    private static void assertNoTemporaryFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".sw-tmp"));
        }
    }

    @Test
    void anInitialSyncTakesEveryCopyTheScanMadeAndLeavesNoTemporaryFile() throws Exception {
        Path a = filled(tmp.resolve("a"), "one");
        Path b = filled(tmp.resolve("b"), "two"); // new files both ways
        Map<String, String> expected = new java.util.TreeMap<>(Tree.files(a));
        expected.putAll(Tree.files(b));
        FolderSyncResult r = sync(a, b);
        assertThat(Tree.files(a)).isEqualTo(Tree.files(b)).isEqualTo(expected).hasSize(2 * FILES);
        assertThat(ra.store().copiesTakenFromScans()).as("alpha got beta's files from beta's scan").isEqualTo(FILES);
        assertThat(rb.store().copiesTakenFromScans()).as("beta got alpha's files from alpha's scan").isEqualTo(FILES);
        assertThat(r.bytesCopied()).isEqualTo(expected.values().stream().mapToLong(v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum());
        assertNoTemporaryFiles(a);
        assertNoTemporaryFiles(b);
        assertThat(sync(a, b).sent()).isZero();
    }

    @Test
    void copiesNoWriteTakesAreDeletedAndMovesFoundByContentCopyNothing() throws Exception {
        Path a = filled(tmp.resolve("a"), "one");
        Path b = Files.createDirectory(tmp.resolve("b"));
        sync(a, b);
        long taken = rb.store().copiesTakenFromScans();
        assertThat(taken).isEqualTo(FILES);
        // A file where the other folder has a folder (placed aside there, so the copy at its path is
        // not taken), and every file copied to a new folder with its mtime and deleted (a new file key:
        // moves found by content, for which the scan's copies are thrown away at once).
        Tree.write(b, "thing/inside.txt", "a folder named thing");
        Tree.write(a, "thing", "a file named thing");
        for (int i = 0; i < FILES; i++) {
            String from = "one/d" + (i % 3) + "/f" + i + ".txt";
            Path to = a.resolve("moved/" + from);
            Files.createDirectories(to.getParent());
            Files.copy(a.resolve(from), to, StandardCopyOption.COPY_ATTRIBUTES);
            Files.delete(a.resolve(from));
        }
        for (int d = 0; d < 3; d++) { // as a move of the files would leave it (an empty folder left on a would be synced)
            Files.delete(a.resolve("one/d" + d));
        }
        Files.delete(a.resolve("one"));
        FolderSyncResult r = sync(a, b);
        assertThat(Tree.files(a)).isEqualTo(Tree.files(b)).hasSize(FILES + 2).containsEntry("thing/inside.txt", "a folder named thing")
                .containsValue("a file named thing");
        assertThat(r.count(FileAction.Kind.MOVE)).isEqualTo(FILES);
        assertThat(rb.store().copiesTakenFromScans()).isEqualTo(taken);
        assertThat(r.bytesCopied()).as("the moves copy nothing, the placed-aside file is copied by its write")
                .isEqualTo("a file named thing".length() + "a folder named thing".length());
        assertNoTemporaryFiles(a);
        assertNoTemporaryFiles(b);
        assertThat(b.resolve("one")).doesNotExist(); // the folders the moves emptied are gone
        assertThat(Tree.emptyFolders(b)).isEqualTo(Tree.emptyFolders(a)).isEmpty();
    }
}
