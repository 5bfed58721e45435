package dev.syncwright.files.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What a preview pretends to do to the tree, where its listing does not show it. A real sync moves
 * and deletes files, and writes conflict copies and files moved out of an arriving folder's way,
 * which the next pass's scan finds as new files and sends. A preview writes nothing, so that its
 * list is still what the sync will do: its clash checks see the paths it vacated as free and the
 * files it pretended to write as there ({@link #vacated}, {@link #made}), and its next pass finds
 * those files as new items ({@link #adoptInto}), under the id and origin that scan would give them.
 */
final class PreviewFiles {
    private final boolean caseInsensitive;
    private record Made(String path, FileContent content) {}

    /** By {@link #key} of the path. */
    private final Map<String, Made> made = new LinkedHashMap<>();
    private final Set<String> vacated = new HashSet<>();
    /** Folders the preview pretends to have made: the parents of every file it pretended to put somewhere. */
    private final Set<String> folders = new HashSet<>();
    /** Folders the preview pretends to have put a file or folder into (or to copy one into ahead of a batch). */
    private final Set<String> holding = new HashSet<>();

    /** Folders the sync keeps when they empty: those of the store's empty folders. */
    private final Predicate<String> kept;

    PreviewFiles(boolean caseInsensitive, Predicate<String> kept) {
        this.caseInsensitive = caseInsensitive;
        this.kept = kept;
    }

    private String key(String path) {
        return caseInsensitive ? path.toLowerCase(Locale.ROOT) : path;
    }

    /** A file the preview pretends to write at {@code path}. */
    void add(String path, FileContent content) {
        made.put(key(path), new Made(path, content));
        vacated.remove(key(path));
        placed(path);
    }

    /** The preview pretends a file went to {@code path}: its folders are there from now on. */
    void placed(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        holding.add(key(p.substring(0, Math.max(0, p.lastIndexOf('/')))));
        for (int i = path.lastIndexOf('/'); i > 0 && folders.add(key(path.substring(0, i))); i = path.lastIndexOf('/', i - 1)) {
            // each new folder's own parents next; a folder seen before has them already
        }
    }

    /**
     * The folders a copy ahead to {@code path} would make ({@link Disk#copyAhead}): all of its
     * missing folders, or none when a file is in the way of one.
     */
    void foldersAhead(String path, Path root) {
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            String dir = path.substring(0, i);
            if (made(dir) != null || (!madeFolder(dir) && !vacated(dir)
                    && Files.isRegularFile(root.resolve(dir), LinkOption.NOFOLLOW_LINKS))) {
                return;
            }
        }
        placed(path);
    }

    /**
     * A file the preview pretends to move from {@code from} to {@code path}: one it pretended to
     * write, or the one on disk there ({@code file}); nothing when that cannot be read.
     */
    void addFound(String path, Path file, String from) {
        Made m = made.get(key(from));
        if (m != null) {
            add(path, m.content());
            leave(from);
            return;
        }
        try {
            Stat s = Stat.read(file, path);
            if (s != null) {
                add(path, new FileContent(file, s.size(), s.mtime(), ContentHash.of(file), "?"));
                leave(from);
            }
        } catch (IOException e) {
            // gone or unreadable: the real sync would fail on it; the preview lists the rest
        }
    }

    /** The preview pretends the file at {@code path} moved away or was deleted. */
    void leave(String path) {
        vacated.add(key(path));
        made.remove(key(path));
    }

    /** The name of the file the preview pretends is at {@code path}, or null. */
    String made(String path) {
        Made m = made.get(key(path));
        return m == null ? null : m.path();
    }

    /** The hash of the file the preview pretends is at {@code path}, or null. */
    byte[] madeHash(String path) {
        Made m = made.get(key(path));
        return m == null ? null : m.content().hash();
    }

    /** True when the preview pretends that whatever the disk holds at {@code path} is gone. */
    boolean vacated(String path) {
        return vacated.contains(key(path));
    }

    /** True when the preview pretends a file went somewhere under {@code path}, which is then a folder. */
    boolean madeFolder(String path) {
        return folders.contains(key(path));
    }

    /**
     * True when the sync would have removed the folder {@code dir} (at {@code rel}) by now: it
     * removes the folders that its moves and deletes leave empty, so this holds when the folder
     * holds at least one file or empty folder the preview pretends left, nothing else, and only
     * folders emptied in turn (an empty folder the store keeps stays, and keeps its parents).
     */
    boolean emptied(Path dir, String rel) {
        if (vacated.isEmpty() || madeFolder(rel) || kept.test(rel)) {
            return false;
        }
        int[] left = new int[1];
        return holdsOnly(dir, rel, left) && left[0] > 0;
    }

    /**
     * True when the folder {@code dir} (at {@code rel}) holds nothing as the preview pretends the
     * tree is: no file it pretends to have put under it or to copy into it ahead of the batch, and
     * on disk only what it pretends left and folders emptied in turn.
     */
    boolean holdsNothing(Path dir, String rel) {
        String under = key(rel) + "/";
        if (holding.contains(key(rel)) || folders.stream().anyMatch(f -> f.startsWith(under))) {
            return false;
        }
        return holdsOnly(dir, rel, new int[1]);
    }

    /** True when everything on disk in {@code dir} is what the preview pretends left (counted in {@code left}) or a folder emptied in turn. */
    private boolean holdsOnly(Path dir, String rel, int[] left) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path c : ds) {
                String r = rel + "/" + c.getFileName();
                if (!vacated(r) && !(Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS) && emptied(c, r))) {
                    return false;
                }
                left[0]++;
            }
        } catch (IOException e) {
            return false;
        }
        return true;
    }

    boolean isEmpty() {
        return made.isEmpty();
    }

    /**
     * Puts each file made into {@code listing} as the scan of {@code replica} would find it: a new
     * file (ids {@code taken} by a record, or by the listing, are not used) checked {@code now}.
     */
    void adoptInto(Map<UUID, Entry> listing, Predicate<UUID> taken, String replica, long now, Placement placement) {
        for (Made m : made.values()) {
            FileContent c = m.content();
            UUID id = FileSchema.newId(m.path(), x -> taken.test(x) || listing.containsKey(x));
            Entry e = new Entry(id, m.path(), c.size(), c.mtime(), null, c.hash(), now, replica, c.source());
            listing.put(id, e);
            placement.add(e);
        }
        made.clear(); // entries now, which placement sees; what they vacated stays vacated
    }

    void clear() {
        holding.clear();
        made.clear();
        vacated.clear();
        folders.clear();
    }
}
