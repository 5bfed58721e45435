package dev.syncwright.files;

/**
 * One thing a folder sync did to a replica's files (or, in a preview, would do). {@code path} is
 * relative to the replica's root, '/'-separated; {@code detail} says more (where a file moved to,
 * which content won a conflict); {@code bytes} is what was copied.
 */
public record FileAction(Kind kind, String replica, String path, String detail, long bytes) {
    public enum Kind {
        /** A file created with content from another replica. */
        CREATE,
        /** A file's content replaced by another replica's (the old content recycled). */
        UPDATE,
        /** A file renamed or moved; nothing copied. */
        MOVE,
        /** A file deleted (recycled). */
        DELETE,
        /** The losing side of a content conflict written next to the winner, as a new file. */
        CONFLICT_COPY,
        /** A file renamed out of the way of another file or folder that arrived at its path. */
        CLASH_RENAME,
        /**
         * A symbolic link or special file (a pipe, a socket, a device) at a synced path, left alone:
         * only regular files sync. Listed once per sync, so that a tree with one never passes for synced whole.
         */
        SKIP
    }

    @Override
    public String toString() {
        return replica + ": " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + path
                + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
