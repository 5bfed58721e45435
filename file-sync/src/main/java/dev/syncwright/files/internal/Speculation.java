package dev.syncwright.files.internal;

import java.nio.file.Path;

/**
 * One read for a new file's hash and its copy (speed work 3). A scan must hash every new file (the
 * hash is its content unit's version), and the copy that the sync then makes reads and hashes the
 * same bytes again. When {@code FolderSync} has walked both folders, a file one scan is about to
 * hash whose path the other folder's walk did not find is also written, in the same read, into a
 * temporary file next to that path in the other folder ({@link Copier#hashAll(java.util.List,
 * java.util.List, Speculation)}). The bytes written are the bytes hashed, so the copy holds
 * exactly the content the scan records; the source's stat is checked before and after the read and
 * against the walk's, so a file that changed meanwhile gets no such copy. The other folder's
 * {@link Disk} keeps it until a write of that content to that path takes it (as it takes a copy
 * ahead) or the sync run ends, when it is deleted; a crash leaves a temporary file that the next
 * scan removes. Nothing about versions or decisions changes: the sync decides every write as before.
 */
final class Speculation {
    private final FolderStore other;

    Speculation(FolderStore other) {
        this.other = other;
    }

    /**
     * Where a file at {@code rel} would go in the other folder, or null when it may be there already
     * (its walk found that path or holds a record of it), or the other folder excludes it, compares
     * names without case, or only previews.
     */
    Path target(String rel) {
        return other.speculationTarget(rel);
    }

    /** A temporary file for a copy to {@code target}, its folders made; null when they cannot be. */
    Path temp(Path target) {
        return other.disk.speculativeTemp(target);
    }

    /** Hands the other folder a checked copy of {@code content} for {@code target}. */
    void offer(FileContent content, Path target, Path tmp, Stat tmpStat) {
        other.disk.adopt(content, target, tmp, tmpStat);
    }

    /** Deletes a copy that no entry can use (the file turned out not to be what was walked). */
    void discard(Path tmp) {
        Ahead.deleteQuietly(tmp);
    }
}
