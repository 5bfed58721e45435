package dev.syncwright.files;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncException;
import dev.syncwright.files.internal.FileConflicts;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a folder sync does when two replicas changed the same file concurrently. Whatever the
 * policy, a rename of a file on one side and an edit on the other merge without a conflict.
 */
public enum FileConflictPolicy {
    /**
     * The default: the newer content stays at the file's path and the other is kept next to it as
     * {@code name (conflict from <replica> <yyyy-MM-dd HHmmss>).ext} (UTC), a new file that syncs
     * like any other. An edit against a delete keeps the edited file.
     */
    KEEP_BOTH("keep-both"),
    /** Last writer wins: the content with the later modification time; the other is recycled. An edit beats a delete. */
    NEWER("newer"),
    /** The local replica's side wins every conflict, deletes included. */
    LOCAL("local"),
    /** The remote replica's side wins every conflict, deletes included. */
    REMOTE("remote");

    private final String cliName;

    FileConflictPolicy(String cliName) {
        this.cliName = cliName;
    }

    /** The name the command line uses ({@code keep-both}, {@code newer}, {@code local}, {@code remote}). */
    public String cliName() {
        return cliName;
    }

    public static FileConflictPolicy parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (FileConflictPolicy p : values()) {
            if (p.cliName.equals(n) || p.name().equalsIgnoreCase(n)) {
                return p;
            }
        }
        throw new SyncException("Unknown file conflict policy '" + name + "'; use one of "
                + Arrays.stream(values()).map(FileConflictPolicy::cliName).toList());
    }

    /** The core policy that decides this way. */
    public ConflictPolicy toConflictPolicy() {
        return FileConflicts.policy(FileConflicts.Mode.valueOf(name()));
    }
}
