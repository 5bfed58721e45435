package dev.syncwright.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A file's executable bit travels with its content (ADR 050, "Executable files"): a script arrives
 * executable, an edit carries its bit either way. Until 2026-12-06 every copy was made with the
 * default permissions, so a synced script lost its execute permission and the sync exited 0.
 */
class ExecutableFileSyncTest extends TwoFolders {
    static void mode(Path root, String rel, String perms) throws Exception {
        Files.setPosixFilePermissions(root.resolve(rel), PosixFilePermissions.fromString(perms));
    }

    static String mode(Path root, String rel) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(rel)));
    }

    /** Every file's "x" when its owner may execute it, else "-". */
    static Map<String, String> executables(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (String f : Tree.files(root).keySet()) {
            m.put(f, mode(root, f).charAt(2) == 'x' ? "x" : "-");
        }
        return m;
    }

    @Test
    void aScriptArrivesExecutableAndAnEditCarriesItsBitEitherWay() throws Exception {
        a = Files.createDirectory(tmp.resolve("a"));
        b = Files.createDirectory(tmp.resolve("b"));
        Tree.write(a, "run.sh", "#!/bin/sh\necho hi\n");
        mode(a, "run.sh", "rwxr-x---");
        Tree.write(a, "notes.txt", "plain");
        for (int i = 0; i < 40; i++) { // enough new files to go through the scan's copies into the other folder
            Tree.write(a, "many/f" + i + (i % 3 == 0 ? ".sh" : ".txt"), "file " + i);
            if (i % 3 == 0) {
                mode(a, "many/f" + i + ".sh", "rwxr-xr-x");
            }
        }
        ra = FolderReplica.at(a).name("alpha").fsync(false).open();
        rb = FolderReplica.at(b).name("beta").fsync(false).open();
        sync();
        assertThat(executables(b)).isEqualTo(executables(a)).containsEntry("run.sh", "x").containsEntry("notes.txt", "-")
                .containsEntry("many/f3.sh", "x").containsEntry("many/f4.txt", "-");
        assertThat(mode(b, "run.sh")).as("execute wherever read is allowed").isEqualTo("rwxr-xr-x");
        assertThat(sync().sent()).isZero();

        Tree.write(a, "run.sh", "#!/bin/sh\necho edited, no longer executable\n");
        mode(a, "run.sh", "rw-r--r--");
        Tree.write(b, "notes.txt", "#!/bin/sh\necho a script now\n");
        mode(b, "notes.txt", "rwxr--r--");
        sync();
        assertThat(executables(a)).isEqualTo(executables(b)).containsEntry("run.sh", "-").containsEntry("notes.txt", "x");
        assertThat(Tree.files(a)).isEqualTo(Tree.files(b));
    }
}
