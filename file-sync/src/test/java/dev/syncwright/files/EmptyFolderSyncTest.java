package dev.syncwright.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Empty folders sync (ADR 050, "Empty folders"): an empty folder is an item of its own, made and
 * removed on every replica; a folder that holds a file needs none. Until 2026-12-06 they were left
 * out, and a sync that left one replica with folders the other lacked exited 0.
 */
class EmptyFolderSyncTest extends TwoFolders {
    void start(String... exclude) throws Exception {
        a = Files.createDirectories(tmp.resolve("a"));
        b = Files.createDirectories(tmp.resolve("b"));
        ra = FolderReplica.at(a).name("alpha").fsync(false).exclude(exclude).open();
        rb = FolderReplica.at(b).name("beta").fsync(false).exclude(exclude).open();
    }

    void assertSame() {
        assertThat(Tree.files(b)).isEqualTo(Tree.files(a));
        assertThat(Tree.emptyFolders(b)).isEqualTo(Tree.emptyFolders(a));
    }

    @Test
    void anEmptyFolderTravelsAndSoDoesItsRemoval() throws Exception {
        start();
        Tree.mkdirs(a, "projects/new/inner");
        Tree.mkdirs(b, "empty on b");
        Tree.write(a, "notes/n.txt", "n");
        FolderSyncResult first = sync();
        assertSame();
        assertThat(Tree.emptyFolders(b)).containsExactly("empty on b", "projects/new/inner");
        assertThat(Tree.actions(first)).contains("alpha CREATE empty on b folder", "beta CREATE projects/new/inner folder");
        FolderSyncResult idle = sync();
        assertThat(idle.sent()).isZero();
        assertThat(idle.actions()).isEmpty();

        Files.delete(b.resolve("projects/new/inner")); // "new" is empty now, and an item of its own
        Files.delete(a.resolve("empty on b"));
        FolderSyncResult removal = sync();
        assertSame();
        assertThat(Tree.emptyFolders(a)).containsExactly("projects/new");
        assertThat(Tree.actions(removal)).contains("alpha DELETE projects/new/inner folder", "beta DELETE empty on b folder");
        assertThat(sync().sent()).isZero();
    }

    @Test
    void aFolderTheUserEmptiedStaysEverywhereAndOneASyncEmptiedGoes() throws Exception {
        start();
        Tree.write(a, "kept/x.txt", "x");
        Tree.write(a, "dropped/y.txt", "y");
        sync();
        Files.delete(a.resolve("kept/x.txt")); // the folder stays on a: the user kept it
        Files.delete(a.resolve("dropped/y.txt"));
        Files.delete(a.resolve("dropped"));
        sync();
        assertSame();
        assertThat(Tree.emptyFolders(b)).containsExactly("kept");
        assertThat(Files.exists(b.resolve("dropped"))).isFalse();
        assertThat(sync().sent()).isZero();
    }

    @Test
    void aFileArrivingInAnEmptyFolderFillsItAndAFileInTheWayOfOneGoesAside() throws Exception {
        start();
        Tree.mkdirs(a, "inbox");
        sync();
        Tree.write(b, "inbox/letter.txt", "dear a");
        Tree.mkdirs(a, "thing");
        Tree.write(b, "thing", "a file named thing");
        sync();
        assertSame();
        assertThat(Tree.files(a)).containsEntry("inbox/letter.txt", "dear a").containsValue("a file named thing")
                .doesNotContainKey("thing");
        assertThat(Tree.emptyFolders(a)).containsExactly("thing");
        assertThat(sync().sent()).isZero();

        Tree.delete(a, "inbox/letter.txt"); // and the folder with it: nothing keeps it now
        Files.delete(a.resolve("inbox"));
        sync();
        assertSame();
        assertThat(Files.exists(b.resolve("inbox"))).isFalse();
    }

    @Test
    void theSameEmptyFolderMadeOnBothSidesIsNeitherAConflictNorSentTwice() throws Exception {
        start();
        Tree.mkdirs(a, "same");
        Tree.mkdirs(b, "same");
        FolderSyncResult r = sync();
        assertThat(r.conflicts()).isZero();
        assertThat(r.actions()).isEmpty();
        assertSame();
        assertThat(sync().sent()).isZero();
    }

    @Test
    void aDryRunListsTheFoldersASyncMakesAndRemoves() throws Exception {
        start();
        Tree.mkdirs(a, "gone/inner");
        Tree.write(a, "kept/x.txt", "x");
        sync();
        Files.delete(a.resolve("gone/inner"));
        Files.delete(a.resolve("gone"));
        Files.delete(a.resolve("kept/x.txt"));
        Tree.mkdirs(b, "fresh/deep");
        List<String> preview = Tree.actions(FolderSync.between(ra, rb).dryRun(true).run());
        assertThat(Tree.emptyFolders(a)).containsExactly("kept");
        assertThat(Tree.emptyFolders(b)).containsExactly("fresh/deep", "gone/inner");
        List<String> real = Tree.actions(sync());
        assertThat(real).isEqualTo(preview).contains("alpha CREATE fresh/deep folder", "beta DELETE gone/inner folder");
        assertSame();
    }

    /**
     * A folder holding only what a replica excludes is not empty there: were it an item, the other
     * replica, which holds the file, would find it full and delete it, and the first make it again,
     * at every sync.
     */
    @Test
    void excludedFoldersStayAndAFolderHoldingOnlyExcludedFilesIsNoEmptyFolder() throws Exception {
        start("cache/**", "tmp", "**/*.log");
        Tree.mkdirs(a, "cache/x/y");
        Tree.mkdirs(a, "tmp");
        Tree.mkdirs(a, "real");
        Tree.write(a, "logs/today.log", "excluded");
        sync();
        assertThat(Tree.emptyFolders(b)).containsExactly("real");
        assertThat(sync().sent()).isZero();

        ra.close();
        ra = FolderReplica.at(a).name("alpha").fsync(false).open(); // alpha syncs everything now; beta still excludes logs
        Tree.write(b, "logs/b.log", "beta's, excluded on beta");
        Files.delete(a.resolve("logs/today.log"));
        sync();
        sync();
        assertThat(sync().sent()).as("no folder goes back and forth").isZero();
    }
}
