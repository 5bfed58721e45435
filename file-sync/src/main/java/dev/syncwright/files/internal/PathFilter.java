package dev.syncwright.files.internal;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Include and exclude patterns (globs on the '/'-separated path relative to the root, as
 * {@link java.nio.file.FileSystem#getPathMatcher} reads them: {@code **}{@code /*.tmp},
 * {@code build/**}). A path is synced when it matches an include pattern (or there are none) and
 * no exclude pattern. {@code .syncwright} folders (at any depth) and the store's temporary files never are.
 */
public final class PathFilter {
    static final String META_DIR = ".syncwright";
    static final String TEMP_PREFIX = ".sw-tmp-";

    private final List<PathMatcher> include;
    private final List<PathMatcher> exclude;
    private final List<String> patterns;

    public PathFilter(List<String> include, List<String> exclude) {
        this.include = include.stream().map(PathFilter::glob).toList();
        this.exclude = exclude.stream().map(PathFilter::glob).toList();
        this.patterns = List.copyOf(exclude);
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    /** True when the file at {@code rel} is synced. */
    public boolean accepts(String rel) {
        if (rel.equals(META_DIR) || rel.startsWith(META_DIR + "/") || rel.contains("/" + META_DIR + "/")
                || rel.startsWith(TEMP_PREFIX, rel.lastIndexOf('/') + 1)) {
            return false; // also another replica's metadata folder, should a root lie inside this one
        }
        if (include.isEmpty() && exclude.isEmpty()) {
            return true;
        }
        Path p = Path.of(rel);
        if (!include.isEmpty() && include.stream().noneMatch(m -> m.matches(p))) {
            return false;
        }
        return exclude.stream().noneMatch(m -> m.matches(p));
    }

    /** True when a whole directory is excluded (so the scanner need not enter it). */
    boolean prunes(String relDir) {
        if (fileName(relDir).equals(META_DIR)) {
            return true;
        }
        Path p = Path.of(relDir);
        return exclude.stream().anyMatch(m -> m.matches(p));
    }

    static String fileName(String rel) {
        int i = rel.lastIndexOf('/');
        return i < 0 ? rel : rel.substring(i + 1);
    }

    @Override
    public String toString() {
        return "exclude " + patterns;
    }
}
