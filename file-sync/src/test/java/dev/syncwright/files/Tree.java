package dev.syncwright.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helpers on real folders: write, read and list files as a user would. */
final class Tree {
    private Tree() {}

    static void write(Path root, String rel, String content) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path root, String rel) {
        try {
            Path p = root.resolve(rel);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void move(Path root, String from, String to) {
        try {
            Path t = root.resolve(to);
            Files.createDirectories(t.getParent());
            Files.move(root.resolve(from), t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A change of case alone, through another name, as on a volume whose names have none: there the
     * JDK's move finds the target taken (or the same file, and does nothing).
     */
    static void changeCase(Path root, String from, String to) {
        try { // renames that do not look first: a FUSE volume can still hold the name just renamed away
            Files.move(root.resolve(from), root.resolve(from + ".case"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(root.resolve(from + ".case"), root.resolve(to), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path root, String rel) {
        try {
            Files.delete(root.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The actions of a sync (or a dry run), one sorted line each: replica, kind, path and detail. */
    static java.util.List<String> actions(FolderSyncResult r) {
        return r.actions().stream().map(x -> x.replica() + " " + x.kind() + " " + x.path() + " " + x.detail()).sorted().toList();
    }

    /** Every synced file (outside .syncwright) by relative path. */
    static Map<String, String> files(Path root) {
        return under(root, root, true);
    }

    /** Every empty folder (outside .syncwright), by relative path. */
    static java.util.Set<String> emptyFolders(Path root) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> !p.equals(root) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                String rel = root.relativize(p).toString().replace('\\', '/');
                try (Stream<Path> in = Files.list(p)) {
                    if (!rel.equals(".syncwright") && !rel.startsWith(".syncwright/") && in.findAny().isEmpty()) {
                        out.add(rel);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static void mkdirs(Path root, String rel) {
        try {
            Files.createDirectories(root.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file in the recycle folder, by path relative to it. */
    static Map<String, String> recycled(Path root) {
        Path r = root.resolve(".syncwright/recycle");
        return Files.isDirectory(r) ? under(r, r, false) : Map.of();
    }

    private static Map<String, String> under(Path root, Path dir, boolean skipMeta) {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!skipMeta || !rel.startsWith(".syncwright/")) {
                    m.put(rel, read(root, rel));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
