package dev.syncwright.files.internal;

import dev.syncwright.files.FileAction;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The writes of empty folders' items (ADR 050, "Empty folders"), and which folders they keep: the
 * listing's live empty folders by path (folded on a case-insensitive volume), whose folders stay
 * when a move or delete empties them.
 */
final class EmptyFolders {
    private final FolderStore store;
    private final Map<String, Entry> byPath = new HashMap<>();

    EmptyFolders(FolderStore store) {
        this.store = store; // not read before the store is built: the disk and preview ask later
    }

    private String fold(String path) {
        return store.options.caseInsensitive() ? path.toLowerCase(Locale.ROOT) : path;
    }

    /** The empty folders of a fresh listing. */
    void index(Collection<Entry> listing) {
        byPath.clear();
        listing.stream().filter(e -> e.isFolder() && !e.frozen).forEach(e -> byPath.put(fold(e.path), e));
    }

    /** True when the folder at {@code rel} is a live empty folder's: it stays when emptied. */
    boolean keeps(String rel) {
        return !byPath.isEmpty() && byPath.containsKey(fold(rel));
    }

    /**
     * Makes the folder of an empty folder's entry: files in its way go aside, as for any arriving
     * folder; nothing is made where one is already, nor where this replica excludes the path (the
     * entry is frozen there).
     */
    void make(Entry e) {
        if (!Scanner.syncsFolder(store.options.filter(), e.path)) {
            e.frozen = true;
            return;
        }
        e.frozen = false;
        boolean there = store.placement.roomForFolder(e.path);
        byPath.put(fold(e.path), e);
        if (!there) {
            if (store.preview) {
                store.previewFiles.placed(e.path + "/");
            } else {
                store.disk.makeFolder(store.root.resolve(e.path));
            }
            store.action(FileAction.Kind.CREATE, e.path, "folder", 0);
        }
    }

    /**
     * An empty folder's item is gone: its folder goes too, if it is still empty (files that arrived
     * in it or are being copied into it ahead of the batch, or another entry for it under another
     * case, keep it), and the parents that leaves empty.
     */
    void remove(Entry e) {
        if (e.frozen || !byPath.remove(fold(e.path), e) || byPath.containsKey(fold(e.path))) {
            return;
        }
        store.disk.settle(); // the tree as this batch's writes so far made it
        String at = store.placement.folderAt(e.path);
        boolean removed;
        if (at == null) {
            removed = false;
        } else if (store.preview) {
            removed = store.previewFiles.holdsNothing(store.root.resolve(at), at);
            if (removed) {
                store.previewFiles.leave(at);
            }
        } else {
            removed = store.disk.removeFolder(store.root.resolve(at));
        }
        if (removed) {
            store.action(FileAction.Kind.DELETE, e.path, "folder", 0);
        }
    }
}
