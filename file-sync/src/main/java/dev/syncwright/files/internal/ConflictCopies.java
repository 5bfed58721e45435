package dev.syncwright.files.internal;

import dev.syncwright.files.FileAction;

/**
 * Where the loser of a keep-both conflict goes (ADR 050, "Conflicts"): a new file next to the
 * winner, named {@code name (conflict from <replica> <time>).ext}, which the next pass of the sync
 * finds and sends. When this replica's own content lost, its file becomes the copy by a rename.
 */
final class ConflictCopies {
    private final FolderStore store;

    ConflictCopies(FolderStore store) {
        this.store = store;
    }

    /** A keep-both resolution of {@code e}'s content: the winner at its path, the loser next to it. */
    void keepBoth(Entry e, KeepBoth k) {
        if (k.winner().sameBytes(e.hash)) {
            write(e.path, k.loser()); // ours won: theirs goes next to it
            e.origin = k.winner().origin();
            return;
        }
        if (k.loser().sameBytes(e.hash)) {
            // Ours lost: it becomes the copy (a rename, nothing read), then theirs is written.
            String copy = store.placement.free(Naming.conflictCopy(e.path, k.loser()), k.loser());
            if (copy != null) {
                if (!store.preview) {
                    store.disk.moveFile(store.root.resolve(e.path), store.root.resolve(copy));
                } else {
                    store.previewFiles.add(copy, e.content(store.root));
                }
                store.action(FileAction.Kind.CONFLICT_COPY, copy, "kept " + k.loser() + ", " + k.winner() + " won", 0);
                store.anotherPass = true;
            }
        } else {
            write(e.path, k.loser());
        }
        store.writeContent(e, k.winner(), FileAction.Kind.UPDATE);
    }

    /** Writes {@code loser} as a new file next to {@code nextTo}, unless that very copy is there already. */
    void write(String nextTo, FileContent loser) {
        String copy = store.placement.free(Naming.conflictCopy(nextTo, loser), loser);
        if (copy == null) {
            return; // that very copy is there already (this conflict was resolved here before)
        }
        if (!store.preview) {
            store.disk.write(loser, store.root.resolve(copy), copy);
        } else {
            store.previewFiles.add(copy, loser);
        }
        store.action(FileAction.Kind.CONFLICT_COPY, copy, "kept " + loser + " next to " + nextTo, loser.size());
        store.anotherPass = true;
    }
}
