package dev.syncwright.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model test of folder sync (issue 15): 3 or 4 real folders, each with its SQLite metadata;
 * random creates, edits, touches, renames, moves, deletes, folder renames, and empty folders made and
 * removed, and random two-way
 * syncs between random pairs under keep-both; then rounds through a hub until nothing travels.
 * <ul>
 *   <li>every sync keeps every content its two folders held: afterwards it is a file there or in
 *   that folder's recycle folder;</li>
 *   <li>the final rounds converge: every folder holds the same files and empty folders, and one more
 *   round sends nothing; each new content is executable or not at random, and every file's bit
 *   converges too (not with the exFAT stick, which keeps none);</li>
 *   <li>no content is lost to a concurrent change: every content the user did not knowingly replace
 *   or delete (edit or delete the file holding it) is a file at the end. A concurrent edit that were
 *   not a conflict would overwrite such a content.</li>
 *   <li>a dry run (before a third of the syncs) changes no file and lists exactly the actions the
 *   sync then takes.</li>
 *   <li>a quarter of the syncs start from replicas opened again, as on the command line.</li>
 * </ul>
 * System properties: {@code syncwright.files.seed} (first seed), {@code syncwright.files.seeds} (how many),
 * {@code syncwright.files.policy} (default {@code keep-both}; with {@code newer} the last check fails,
 * as it must: last-writer-wins drops the older of two concurrent edits, to the recycle folder).
 */
class FolderModelTest {
    static final String[] DIRS = {"", "d1/", "d2/", "d1/e/"};
    /** "e" and "d1" are also folders ({@link #DIRS}): a file there meets a folder on another replica. */
    static final String[] NAMES = {"a.txt", "b.txt", "c.md", "d", "e", "d1"};
    /**
     * Every fourth seed's replicas compare names without case, as on macOS and Windows (simulated:
     * the test's own edits treat names so, and no replica may ever hold two names that differ only
     * in case), with names that differ from others only in case.
     */
    static final String[] CASE_NAMES = {"a.txt", "A.txt", "b.txt", "B.TXT", "d", "D", "e", "d1"};

    @TempDir
    Path tmp;

    @Test
    void randomHistoriesConvergeWithoutLosingContent() throws Exception {
        run(Long.getLong("syncwright.files.seed", 1L), Integer.getInteger("syncwright.files.seeds", 4), null, "");
    }

    /**
     * The same with every other replica on a real exFAT volume (a USB stick in a relay: names
     * without case, no hard links, coarse timestamps; {@link Exfat}), the others on ext4. Property
     * {@code syncwright.files.exfat.seeds} (default 6), from {@code syncwright.files.seed}.
     */
    @Test
    void randomHistoriesWithReplicasOnAnExfatStickConverge() throws Exception {
        try (Exfat stick = Exfat.mount(tmp, 512)) {
            run(Long.getLong("syncwright.files.seed", 1L), Integer.getInteger("syncwright.files.exfat.seeds", 6), stick.root,
                    " -Dsyncwright.files.exfat.seeds=1, on exFAT");
        }
    }

    private void run(long first, int seeds, Path stick, String rerun) throws Exception {
        int syncs = 0;
        int conflicts = 0;
        long fromScans = 0;
        for (long seed = first; seed < first + seeds; seed++) {
            try {
                World w = new World(seed, Files.createDirectory(tmp.resolve("seed" + seed)),
                        stick == null ? null : Files.createDirectory(stick.resolve("seed" + seed)));
                try {
                    w.run();
                } finally {
                    w.close();
                }
                syncs += w.syncs;
                conflicts += w.conflicts;
                fromScans += w.fromScans;
            } catch (Throwable t) {
                throw new AssertionError("Folder model failed for seed " + seed + " (rerun alone with -Dsyncwright.files.seed=" + seed
                        + " -Dsyncwright.files.seeds=1" + rerun + "): " + t.getMessage(), t);
            }
        }
        System.out.printf("folder model%s: %d seeds from %d, %d syncs, %d conflicts, %d writes took a copy made by a scan%n", stick == null ? "" : " (exFAT)", seeds, first,
                syncs, conflicts, fromScans);
        assertThat(syncs).isPositive();
        assertThat(fromScans).as("the histories exercise copies made while scanning").isPositive();
    }

    static final class World {
        final Random rnd;
        long fromScans;
        final List<Path> roots = new ArrayList<>();
        final List<FolderReplica> reps = new ArrayList<>();
        final Set<String> created = new TreeSet<>();
        final Set<String> superseded = new HashSet<>();
        int counter;
        int syncs;
        int conflicts;

        /** Every replica keeps permissions (none is on the exFAT stick): every file's executable bit must converge too. */
        final boolean modes;
        /** Every fourth seed on ext4 alone: all replicas are told names have no case, and the test's edits fold them. */
        final boolean simulated;
        /** The roots where names have no case (simulated, or on exFAT): the test's own edits fold names there. */
        final Set<Path> folding = new HashSet<>();
        final String[] names;

        /** {@code stick}: where every other replica goes (a folder on exFAT), or null. */
        World(long seed, Path dir, Path stick) throws IOException {
            rnd = new Random(seed);
            simulated = stick == null && seed % 4 == 0;
            modes = stick == null;
            names = simulated || stick != null ? CASE_NAMES : NAMES;
            int n = 3 + rnd.nextInt(2);
            for (int i = 0; i < n; i++) {
                Path r = Files.createDirectory((stick != null && i % 2 == 1 ? stick : dir).resolve("r" + i));
                roots.add(r);
                if (simulated || (stick != null && i % 2 == 1)) {
                    folding.add(r);
                }
                reps.add(open(i));
            }
        }

        /** Replica {@code i}; whether its names have case is probed on its volume, unless simulated. */
        FolderReplica open(int i) {
            FolderReplica.Builder b = FolderReplica.at(roots.get(i)).name("r" + i).fsync(false);
            return (simulated ? b.caseInsensitive(true) : b).open();
        }

        void close() {
            reps.forEach(FolderReplica::close);
        }

        void run() {
            int steps = 30 + rnd.nextInt(30);
            for (int i = 0; i < steps; i++) {
                if (rnd.nextInt(10) < 7) {
                    edit(rnd.nextInt(roots.size()));
                } else {
                    int a = rnd.nextInt(roots.size());
                    int b = (a + 1 + rnd.nextInt(roots.size() - 1)) % roots.size();
                    sync(a, b);
                }
            }
            int hub = rnd.nextInt(roots.size());
            for (int round = 0; ; round++) {
                long sent = 0;
                for (int r = 0; r < roots.size(); r++) {
                    if (r != hub) {
                        sent += sync(r, hub).sent();
                    }
                }
                if (sent == 0) {
                    break;
                }
                assertThat(round).as("rounds until nothing travels").isLessThan(6);
            }
            Map<String, String> expected = Tree.files(roots.get(hub));
            Set<String> emptyFolders = Tree.emptyFolders(roots.get(hub));
            for (Path r : roots) {
                assertThat(Tree.files(r)).as("folder %s after the final rounds", r.getFileName()).isEqualTo(expected);
                assertThat(Tree.emptyFolders(r)).as("empty folders of %s after the final rounds", r.getFileName()).isEqualTo(emptyFolders);
                if (modes) {
                    assertThat(executables(r)).as("executable files of %s after the final rounds", r.getFileName()).isEqualTo(executables(roots.get(hub)));
                }
            }
            Set<String> live = new HashSet<>(expected.values());
            for (String c : created) {
                if (!superseded.contains(c)) {
                    assertThat(live).as("content %s, never knowingly replaced or deleted, is a file at the end", c).contains(c);
                }
            }
        }

        static Map<String, String> executables(Path root) {
            try {
                return ExecutableFileSyncTest.executables(root);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        /** Closes and opens a replica again, as every command-line sync does: what it knows comes back from its metadata file. */
        void reopen(int r) {
            reps.get(r).close();
            reps.set(r, open(r));
        }

        FolderSyncResult sync(int a, int b) {
            if (rnd.nextInt(4) == 0) {
                reopen(a);
                reopen(b);
            }
            long taken = reps.get(a).store().copiesTakenFromScans() + reps.get(b).store().copiesTakenFromScans();
            Set<String> before = new HashSet<>(Tree.files(roots.get(a)).values());
            before.addAll(Tree.files(roots.get(b)).values());
            FileConflictPolicy policy = FileConflictPolicy.parse(System.getProperty("syncwright.files.policy", "keep-both"));
            List<String> preview = null;
            if (rnd.nextInt(3) == 0) { // a preview first: it changes nothing, and lists what the sync then does
                Map<String, String> ta = Tree.files(roots.get(a));
                Map<String, String> tb = Tree.files(roots.get(b));
                Set<String> ea = Tree.emptyFolders(roots.get(a));
                Set<String> eb = Tree.emptyFolders(roots.get(b));
                preview = Tree.actions(FolderSync.between(reps.get(a), reps.get(b)).conflicts(policy).dryRun(true).run());
                assertThat(Tree.files(roots.get(a))).as("r%d after a dry run", a).isEqualTo(ta);
                assertThat(Tree.files(roots.get(b))).as("r%d after a dry run", b).isEqualTo(tb);
                assertThat(Tree.emptyFolders(roots.get(a))).as("r%d's empty folders after a dry run", a).isEqualTo(ea);
                assertThat(Tree.emptyFolders(roots.get(b))).as("r%d's empty folders after a dry run", b).isEqualTo(eb);
            }
            FolderSyncResult r = FolderSync.between(reps.get(a), reps.get(b)).conflicts(policy).run();
            if (preview != null) {
                assertThat(Tree.actions(r)).as("what the dry run said the sync of r%d and r%d would do", a, b).isEqualTo(preview);
            }
            syncs++;
            conflicts += (int) r.conflicts();
            Set<String> after = new HashSet<>();
            for (int x : new int[] {a, b}) {
                after.addAll(Tree.files(roots.get(x)).values());
                after.addAll(Tree.recycled(roots.get(x)).values());
            }
            assertThat(after).as("contents after syncing r%d and r%d (files or recycled)", a, b).containsAll(before);
            assertFoldable(roots.get(a));
            assertFoldable(roots.get(b));
            fromScans += reps.get(a).store().copiesTakenFromScans() + reps.get(b).store().copiesTakenFromScans() - taken;
            return r;
        }

        void edit(int replica) {
            Path root = roots.get(replica);
            List<String> files = new ArrayList<>(Tree.files(root).keySet());
            int op = rnd.nextInt(12);
            if (op == 10) { // an empty folder, where nothing is
                String path = DIRS[rnd.nextInt(DIRS.length)] + (rnd.nextBoolean() ? names[rnd.nextInt(names.length)] : "f" + rnd.nextInt(3));
                if (free(root, null, path)) {
                    Tree.mkdirs(root, path);
                }
                return;
            }
            if (op == 11) { // an empty folder removed (its parent may then be empty in turn, and stays)
                List<String> empty = new ArrayList<>(Tree.emptyFolders(root));
                if (!empty.isEmpty()) {
                    Tree.delete(root, empty.get(rnd.nextInt(empty.size())));
                }
                return;
            }
            if (files.isEmpty() || op < 3) {
                String path = DIRS[rnd.nextInt(DIRS.length)] + names[rnd.nextInt(names.length)];
                write(root, path);
                return;
            }
            String f = files.get(rnd.nextInt(files.size()));
            String content = Tree.read(root, f);
            switch (op) {
                case 3, 4 -> write(root, f); // edit
                case 5 -> Tree.write(root, f, content); // touch: same bytes
                case 6 -> { // rename in place or move to another folder
                    String to = (rnd.nextBoolean() ? parent(f) : DIRS[rnd.nextInt(DIRS.length)]) + names[rnd.nextInt(names.length)];
                    if (free(root, f, to)) {
                        move(root, f, to);
                    }
                }
                case 7 -> {
                    superseded.add(content);
                    Tree.delete(root, f);
                    if (rnd.nextBoolean()) { // else the folders it emptied stay, empty
                        removeEmptyParents(root, root.resolve(f).getParent());
                    }
                }
                default -> { // rename the file's folder
                    String dir = parent(f);
                    if (!dir.isEmpty()) {
                        String to = dir.substring(0, dir.length() - 1) + "x" + rnd.nextInt(3);
                        if (!Files.exists(root.resolve(to))) {
                            Tree.move(root, dir.substring(0, dir.length() - 1), to);
                        }
                    }
                }
            }
        }

        /** Creates or edits the file at {@code path}, when the path can hold a file. */
        void write(Path root, String path) {
            path = asStored(root, path); // on a case-insensitive volume, the file there under another case
            Path p = root.resolve(path);
            if (Files.isDirectory(p)) {
                return;
            }
            for (Path q = p.getParent(); !q.equals(root); q = q.getParent()) {
                if (Files.isRegularFile(q)) {
                    return;
                }
            }
            String old = Tree.read(root, path);
            if (old != null) {
                superseded.add(old);
            }
            String c = "content " + counter++ + (rnd.nextBoolean() ? " with more text" : "");
            created.add(c);
            Tree.write(root, path, c);
            if (modes) { // each new content executable or not: the bit travels with it
                try {
                    ExecutableFileSyncTest.mode(root, path, rnd.nextInt(4) == 0 ? "rwxr-xr-x" : "rw-r--r--");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }

        /** True when {@code from} can move to {@code path}: nothing is there (on a case-insensitive volume, nothing but itself). */
        boolean free(Path root, String from, String path) {
            if (path.equals(from)) {
                return false;
            }
            Path p = root.resolve(path);
            String stored = asStored(root, path);
            boolean itself = stored.equals(from); // a change of case alone, where names have none (from: null for a new folder)
            if (!itself && (Files.exists(p) || !stored.equals(path))) {
                return false;
            }
            for (Path q = p.getParent(); !q.equals(root); q = q.getParent()) {
                if (Files.isRegularFile(q)) {
                    return false;
                }
            }
            return true;
        }

        /** {@code path} as the volume holds it: without case, the name of a file or folder there that differs only in case. */
        String asStored(Path root, String path) {
            Path parent = root.resolve(path).getParent();
            if (!folding.contains(root) || !Files.isDirectory(parent)) {
                return path;
            }
            String name = root.resolve(path).getFileName().toString();
            try (Stream<Path> s = Files.list(parent)) {
                return s.map(c -> c.getFileName().toString()).filter(name::equalsIgnoreCase).findFirst().map(n -> parent(path) + n).orElse(path);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Where names have no case, no folder holds two names that differ only in case. */
        void assertFoldable(Path root) {
            if (!folding.contains(root)) {
                return;
            }
            try (Stream<Path> s = Files.walk(root)) {
                Map<String, List<String>> byFolded = s.filter(p -> !p.equals(root) && !root.relativize(p).startsWith(".syncwright"))
                        .map(p -> root.relativize(p).toString()).collect(java.util.stream.Collectors.groupingBy(x -> x.toLowerCase(java.util.Locale.ROOT)));
                byFolded.values().forEach(v -> assertThat(v).as("names in %s that differ only in case", root.getFileName()).hasSize(1));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Renames a file; a change of case alone goes through another name, as on a volume whose names have none. */
        void move(Path root, String from, String to) {
            if (folding.contains(root) && from.equalsIgnoreCase(to)) {
                Tree.changeCase(root, from, to);
            } else {
                Tree.move(root, from, to);
            }
        }

        static String parent(String f) {
            int i = f.lastIndexOf('/');
            return i < 0 ? "" : f.substring(0, i + 1);
        }

        static void removeEmptyParents(Path root, Path dir) {
            for (Path d = dir; !d.equals(root); d = d.getParent()) {
                try (Stream<Path> s = Files.list(d)) {
                    if (s.findAny().isPresent()) {
                        return;
                    }
                    Files.delete(d);
                } catch (IOException e) {
                    return;
                }
            }
        }
    }
}
