package dev.syncwright.files;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Two real folders, {@code a} and {@code b}, each with its SQLite metadata file once opened, synced through {@link FolderSync}. */
abstract class TwoFolders {
    @TempDir
    Path tmp;
    Path a;
    Path b;
    FolderReplica ra;
    FolderReplica rb;

    @AfterEach
    void close() {
        if (ra != null) {
            ra.close();
            rb.close();
        }
    }

    FolderSyncResult sync() {
        return FolderSync.between(ra, rb).run();
    }
}
