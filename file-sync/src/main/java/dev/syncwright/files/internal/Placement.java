package dev.syncwright.files.internal;

import dev.syncwright.files.FileAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Where an arriving file goes when its path is taken (ADR 050). Folders win over files: a file in
 * the way of an arriving file's folder is renamed aside, and an arriving file whose path is a
 * folder here goes aside itself. Between two files (a move onto a path another file reached
 * concurrently; a case-only difference on a case-insensitive volume), the item with the smaller id
 * keeps the path and the other goes aside, so that every replica renames the same one, to the same
 * name. An untracked file (created here after the scan) is never moved: the arriving one goes aside.
 */
final class Placement {
    record Place(String path, boolean moved) {}

    private final FolderStore store;
    private final Map<String, Entry> byPath = new HashMap<>();
    /** The entries the index is built from when first needed: an idle sync places nothing and needs none. */
    private Collection<Entry> pending;

    Placement(FolderStore store) {
        this.store = store;
    }

    private String fold(String path) {
        return store.options.caseInsensitive() ? path.toLowerCase(Locale.ROOT) : path;
    }

    /** Indexes {@code entries} (a live view: until the index is built, adds and removes there need no call here). */
    void index(Collection<Entry> entries) {
        byPath.clear();
        pending = entries;
    }

    private void build() {
        if (pending != null) {
            pending.stream().filter(e -> !e.frozen && !e.isFolder()).forEach(e -> byPath.put(fold(e.path), e));
            pending = null;
        }
    }

    void add(Entry e) {
        if (pending == null && !e.isFolder()) {
            byPath.put(fold(e.path), e);
        }
    }

    void remove(Entry e) {
        if (pending == null) {
            byPath.remove(fold(e.path), e);
        }
    }

    void move(Entry e, String to) {
        remove(e);
        e.path = to;
        add(e);
    }

    /** Where a file that is new here goes: nothing on disk is its own yet, so whatever is at its path stays. */
    Place placeNew(Entry incoming, String path) {
        return place(incoming, path, null);
    }

    /** Where a file this replica holds goes when it moves to {@code path}. */
    Place place(Entry moving, String path) {
        return place(moving, path, moving);
    }

    /**
     * {@code self}: the entry whose file is on disk already (a move), or null (a new file). A new
     * entry's path is already its target, so without this distinction the file found there (a
     * conflict copy this batch just wrote, a file created since the scan) would pass for its own
     * and be replaced.
     */
    private Place place(Entry incoming, String path, Entry self) {
        build();
        clearAncestors(path);
        Entry o = byPath.get(fold(path));
        if (o == incoming) {
            o = null;
        }
        String there = onDisk(path, null); // looked at once: nothing changes the disk until a branch returns
        if (there != null && isFolder(there)) {
            return new Place(unique(Naming.aside(path, incoming.id), self), true);
        }
        if (o != null) {
            if (incoming.id.compareTo(o.id) < 0) {
                moveAside(o);
                return new Place(path, false);
            }
            return new Place(unique(Naming.aside(path, incoming.id), self), true);
        }
        if (there != null && !own(self, path)) {
            return new Place(unique(Naming.aside(path, incoming.id), self), true);
        }
        return new Place(path, false);
    }

    /**
     * Makes room for an empty folder arriving at {@code path} (folders win over files: a file at its
     * path or at one of its parents' goes aside); true when a folder is already there.
     */
    boolean roomForFolder(String path) {
        build();
        clearAncestors(path + "/");
        return folderAt(path) != null;
    }

    /** The name of the folder at {@code path} (in a preview: as it pretends the tree is; without case on such a volume), or null. */
    String folderAt(String path) {
        String there = onDisk(path, null);
        return there != null && isFolder(there) ? there : null;
    }

    /** Files where the arriving path needs folders are renamed aside. */
    private void clearAncestors(String path) {
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            String dir = path.substring(0, i);
            Entry o = byPath.get(fold(dir));
            if (o == null && store.disk.knownFolder(store.root.resolve(dir))) {
                continue; // this batch wrote into it already
            }
            if (o != null) {
                moveAside(o);
            } else {
                String untracked = onDisk(dir, null);
                if (untracked != null && isFile(untracked)) {
                    String to = unique(Naming.aside(untracked, UUID.nameUUIDFromBytes(untracked.getBytes(java.nio.charset.StandardCharsets.UTF_8))), null);
                    if (!store.preview) {
                        store.disk.moveFile(store.root.resolve(untracked), store.root.resolve(to));
                    } else {
                        store.previewFiles.addFound(to, store.root.resolve(untracked), untracked);
                    }
                    store.action(FileAction.Kind.CLASH_RENAME, untracked, "to " + to + ", out of the way of folder " + dir, 0);
                    store.anotherPass = true;
                }
            }
        }
    }

    private void moveAside(Entry o) {
        String to = unique(Naming.aside(o.path, o.id), o);
        store.moveFileOf(o, to);
        store.action(FileAction.Kind.CLASH_RENAME, o.path, "to " + to, 0);
        move(o, to);
        store.anotherPass = true;
    }

    private String unique(String path, Entry self) {
        String p = path;
        for (int n = 2; taken(p, self); n++) {
            p = Naming.variant(path, n);
        }
        return p;
    }

    private boolean taken(String path, Entry self) {
        Entry o = byPath.get(fold(path));
        return (o != null && o != self) || onDisk(path, self) != null;
    }

    /**
     * A path (or a variant of it) free for a conflict copy of {@code content}; null when a file with
     * that content is already there.
     */
    String free(String path, FileContent content) {
        build();
        String p = path;
        for (int n = 2; ; n++) {
            Entry o = byPath.get(fold(p));
            String disk = onDisk(p, null);
            if (o == null && disk == null) {
                return p;
            }
            if (o != null ? content.sameBytes(o.hash) : sameContent(disk, content)) {
                return null;
            }
            p = Naming.variant(path, n);
        }
    }

    private boolean sameContent(String rel, FileContent c) {
        if (store.preview && store.previewFiles.made(rel) != null) {
            return c.sameBytes(store.previewFiles.madeHash(rel));
        }
        try {
            return Arrays.equals(ContentHash.of(store.root.resolve(rel)), c.hash());
        } catch (IOException e) {
            return false;
        }
    }

    /** True when {@code rel}, found by {@link #onDisk}, is a folder (in a preview: one it pretends is there). */
    private boolean isFolder(String rel) {
        return (store.preview && store.previewFiles.madeFolder(rel)) || Files.isDirectory(store.root.resolve(rel), LinkOption.NOFOLLOW_LINKS);
    }

    /** True when {@code rel}, found by {@link #onDisk}, is a file (in a preview: one it pretends is there). */
    private boolean isFile(String rel) {
        if (store.preview && store.previewFiles.made(rel) != null) {
            return true;
        }
        if (store.preview && store.previewFiles.madeFolder(rel)) {
            return false;
        }
        return Files.isRegularFile(store.root.resolve(rel), LinkOption.NOFOLLOW_LINKS);
    }

    /** True when {@code path} is where {@code self}'s own file is. */
    private boolean own(Entry self, String path) {
        return self != null && !self.frozen && fold(self.path).equals(fold(path));
    }

    /**
     * The name under which something exists on disk at {@code path} (case-insensitively on such a
     * volume), not counting {@code self}'s own file; null when nothing does.
     */
    private String onDisk(String path, Entry self) {
        if (own(self, path)) {
            return null;
        }
        if (store.disk.isStaged(path)) {
            store.disk.settle(); // a file this batch wrote there (a conflict copy): see it as the file it is
        }
        Path p = store.root.resolve(path);
        if (store.preview) { // the tree as the preview pretends it is
            String made = store.previewFiles.made(path);
            if (made != null) {
                return made;
            }
            if (store.previewFiles.madeFolder(path)) { // also where it pretends a file left: a file arrived in it since
                return path;
            }
            if (store.previewFiles.vacated(path)) {
                return null;
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && store.previewFiles.emptied(p, path)) {
                return null;
            }
        }
        if (!store.options.caseInsensitive()) {
            return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? path : null;
        }
        try {
            String stored = store.disk.storedName(p);
            return stored == null ? null : path.substring(0, path.lastIndexOf('/') + 1) + stored;
        } catch (IOException e) {
            return null;
        }
    }
}
