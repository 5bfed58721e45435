package dev.syncwright.files.internal;

import dev.syncwright.core.SyncException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Decides which item each scanned file is (ADR 050), in this order:
 * <ol>
 *   <li>a file with the file key, size and modification time of a recorded item at another path
 *   was renamed or moved: same item, content known without reading it (a folder rename reads
 *   nothing);</li>
 *   <li>a file at a recorded item's path is that item, edited in place when its stat differs and
 *   its hash too;</li>
 *   <li>a file matching an unclaimed recorded item by size and hash was moved (across volumes, or
 *   where there are no file keys);</li>
 *   <li>anything else is a new item, with an id derived from its path.</li>
 * </ol>
 * Recorded items no file claimed are gone: the provider turns them into deletions.
 */
final class Matcher {
    private final Path root;
    private final String replicaName;
    private final long scanAt;
    private final boolean alwaysHash;
    private final Predicate<UUID> knownId;
    private Map<UUID, Entry> result = new LinkedHashMap<>();
    private List<Entry> recorded = List.of();
    /** Path -> a record there, and the paths of more than one record (then step 2 decides). */
    private Map<String, Entry> only = Map.of();
    private Set<String> shared = Set.of();
    /** The recorded empty folders by path, kept apart: a folder never matches a file, nor a file a folder. */
    private Map<String, Entry> folders = Map.of();
    /** The empty folders the walk found, in its order. */
    private final Set<String> emptyFolders = new java.util.LinkedHashSet<>();
    /** Where new files are also copied as they are hashed (another folder of the same sync), or null. */
    private Speculation speculation;
    /** What the walk left for steps 1–4, and its paths (made when another folder asks, {@link #mayHold}). */
    private List<Stat> left = List.of();
    private volatile Set<String> leftPaths;
    /** Files {@link #settle} claimed whose entries are still exactly their records. */
    private int settledExactly;
    private final ContentHash hasher;
    /** Symbolic links and special files the walk found at synced paths, and what each is ({@link Scanner#scan}). */
    final Map<String, String> skipped = new LinkedHashMap<>();
    /** From this many new files on, they are hashed on several threads. */
    static final int PARALLEL_HASHING = 16;

    /** {@code hasher}: the store's, reused scan after scan (a hasher holds two 1 MiB buffers). */
    Matcher(Path root, String replicaName, long scanAt, boolean alwaysHash, Predicate<UUID> knownId, ContentHash hasher) {
        this.hasher = hasher;
        this.root = root;
        this.replicaName = replicaName;
        this.scanAt = scanAt;
        this.alwaysHash = alwaysHash;
        this.knownId = knownId;
    }

    /** The whole match of a scan made beforehand (tests): {@link #expect}, {@link #settle} each stat, {@link #matchRest}. */
    Map<UUID, Entry> match(List<Stat> scan, List<Entry> recorded, PathFilter filter) {
        expect(recorded);
        List<Stat> left = new ArrayList<>();
        for (Stat s : scan) {
            if (!settle(s.path(), s.size(), s.mtime(), s.key())) {
                left.add(s);
            }
        }
        this.left = left;
        return matchRest(filter);
    }

    /**
     * Takes the recorded items, before the walk: from then on {@link #settle} decides step 0 for
     * each file as the walk finds it (FolderStore passes it to {@link Scanner#scan}).
     */
    void expect(List<Entry> recorded) {
        this.recorded = recorded;
        settledExactly = 0;
        result = new LinkedHashMap<>(recorded.size() * 4 / 3 + 16); // no rehashing of 100,000 entries
        only = new HashMap<>(recorded.size() * 4 / 3 + 16);
        shared = new HashSet<>();
        folders = new HashMap<>();
        emptyFolders.clear();
        for (Entry r : recorded) {
            if (r.isFolder()) {
                folders.put(r.path, r);
            } else if (only.putIfAbsent(r.path, r) != null) {
                shared.add(r.path);
            }
        }
    }

    /** From now on, new files hashed on the pool are also copied into the other folder where it lacks them ({@link Speculation}). */
    void speculate(Speculation s) {
        speculation = s;
    }

    /** Walks {@code root} ({@link Scanner#scan}), settling what it can; the rest waits for {@link #matchRest}. */
    void walk(PathFilter filter, boolean removeTemps) {
        walk(filter, removeTemps, rel -> false);
    }

    /**
     * As {@link #walk(PathFilter, boolean)}; an empty folder {@code storeMade} names (made by this
     * run for copies that no write took yet) is the store's, not the user's: not an item, unless
     * one is recorded there.
     */
    void walk(PathFilter filter, boolean removeTemps, Predicate<String> storeMade) {
        left = Scanner.scan(root, filter, removeTemps, this::settle, (rel, what) -> skipped.put(rel, what), rel -> {
            if (!storeMade.test(rel) || folders.containsKey(rel)) {
                emptyFolders.add(rel);
            }
        });
    }

    /**
     * True when the walk found a file at {@code path} or a record names it, so another folder must
     * not assume the path free. Asked from the other folder's copying threads once the walk is over.
     */
    boolean mayHold(String path) {
        if (only.containsKey(path) || folders.containsKey(path) || emptyFolders.contains(path)) {
            return true;
        }
        Set<String> l = leftPaths;
        if (l == null) {
            synchronized (this) {
                if (leftPaths == null) {
                    leftPaths = left.stream().map(Stat::path).collect(java.util.stream.Collectors.toUnmodifiableSet());
                }
                l = leftPaths;
            }
        }
        return l.contains(path);
    }

    /** {@link #settle(String, long, long, String)} for the walk's attributes: no stat is made of a settled file. */
    boolean settle(String path, BasicFileAttributes a) {
        Object k = a.fileKey();
        return settle(path, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), k == null ? null : k.toString());
    }

    /**
     * 0. Unchanged at its recorded path, the common case, settled with one lookup: true when the
     * file is claimed so. It is what step 2 would decide: step 1 cannot claim this record for
     * another file (that file would share this one's file key, which excludes key matching), nor
     * this file for another record. Deciding it during the walk changes nothing else: the other
     * steps run on what is left, once the walk is over (and count the keys of settled files where
     * a left file shares one, as before).
     */
    boolean settle(String path, long size, long mtime, String key) {
        Entry r = alwaysHash ? null : only.get(path); // the scan passes only accepted paths
        if (r == null || !Stat.trusted(size, mtime, key, r) || !shared.isEmpty() && shared.contains(path)) {
            return false;
        }
        // the record's strings, not the walk's: those are garbage at once, the listing keeps these
        Entry e = new Entry(r.id, r.path, size, mtime, key == null ? null : r.key, r.hash, r.checked, r.origin, null);
        e.base = r;
        claim(e);
        if (e.unchangedId() != null) {
            settledExactly++;
        }
        return true;
    }

    /**
     * True when the last match found every recorded item as recorded and nothing else (the provider
     * would be told only "unchanged" for each: {@code FullEnumerationStore.allUnchanged}).
     */
    boolean allAsRecorded() {
        return left.isEmpty() && settledExactly == recorded.size() && result.size() == recorded.size();
    }

    /** Steps 1 to 4 for the files {@link #settle} left, once the walk is over (once per matcher). */
    Map<UUID, Entry> matchRest(PathFilter filter) {
        matchFolders();
        // Hard links share a file key, which then identifies neither: counted over the whole scan,
        // settled files included (a settled file's entry has the key the walk saw).
        Map<String, Integer> keyCount = new HashMap<>();
        for (Stat s : left) {
            if (s.key() != null) {
                keyCount.merge(s.key(), 1, Integer::sum);
            }
        }
        if (!keyCount.isEmpty()) {
            for (Entry e : result.values()) {
                if (e.key != null && keyCount.containsKey(e.key)) {
                    keyCount.merge(e.key, 1, Integer::sum);
                }
            }
        }
        Map<String, List<Entry>> byPath = new HashMap<>();
        Map<String, List<Entry>> byKey = new HashMap<>();
        for (Entry r : recorded) {
            if (result.containsKey(r.id)) {
                continue;
            }
            if (r.isFolder()) {
                if (!Scanner.syncsFolder(filter, r.path)) {
                    r.frozen = true; // excluded now, as a file below
                    claim(r);
                }
                continue; // not found empty at its path: gone (or holding files now, which stand for it)
            }
            if (!filter.accepts(r.path)) {
                r.frozen = true; // excluded now: neither read nor deleted
                claim(r);
                continue;
            }
            byPath.computeIfAbsent(r.path, k -> new ArrayList<>()).add(r);
            if (r.key != null) {
                byKey.computeIfAbsent(r.key, k -> new ArrayList<>()).add(r);
            }
        }
        if (left.isEmpty()) {
            return result; // unclaimed records are gone: the provider sees that
        }
        List<Stat> rest = new ArrayList<>();
        for (Stat s : left) { // 1. renamed or moved, known by file key
            List<Entry> c = s.key() == null || keyCount.get(s.key()) > 1 || alwaysHash ? null : byKey.get(s.key());
            Entry r = c != null && c.size() == 1 ? c.get(0) : null;
            if (r != null && !result.containsKey(r.id) && !r.path.equals(s.path()) && s.matches(r)) {
                claim(new Entry(r.id, s.path(), s.size(), s.mtime(), s.key(), r.hash, r.checked, r.origin, null));
            } else {
                rest.add(s);
            }
        }
        List<Stat> unmatched = new ArrayList<>();
        for (Stat s : rest) { // 2. at a recorded path
            Entry r = pick(byPath.get(s.path()), s);
            if (r == null) {
                unmatched.add(s);
            } else if (s.matches(r) && !alwaysHash) {
                claim(new Entry(r.id, s.path(), s.size(), s.mtime(), s.key(), r.hash, r.checked, r.origin, null));
            } else {
                byte[] h = hash(s);
                claim(new Entry(r.id, s.path(), s.size(), s.mtime(), s.key(), h, scanAt, Arrays.equals(h, r.hash) ? r.origin : replicaName,
                        null));
            }
        }
        Map<String, List<Entry>> vanished = new HashMap<>(); // size:hash -> unclaimed records
        for (Entry r : recorded) {
            if (!result.containsKey(r.id) && r.hash != null && !r.isFolder()) {
                vanished.computeIfAbsent(contentKey(r.size, r.hash), k -> new ArrayList<>()).add(r);
            }
        }
        unmatched.sort(Comparator.comparing(Stat::path));
        Copier.Hashed[] hashes = hashAll(unmatched);
        for (int i = 0; i < unmatched.size(); i++) { // 3. moved, known by content; 4. new
            Stat s = unmatched.get(i);
            if (hashes == null && speculation != null) {
                hashes = new Copier.Hashed[unmatched.size()]; // a few new files: hashed here, copied the same way
            }
            if (hashes != null && hashes[i] == null) {
                hashes[i] = hashHere(s);
            }
            byte[] h = hashes != null ? hashes[i].hash() : hash(s);
            List<Entry> c = vanished.getOrDefault(contentKey(s.size(), h), List.of());
            Entry r = c.stream().filter(e -> !result.containsKey(e.id)).min(Comparator.comparing((Entry e) -> !PathFilter.fileName(e.path).equals(PathFilter.fileName(s.path())))
                    .thenComparing(e -> e.id)).orElse(null);
            UUID id = r != null ? r.id : FileSchema.newId(s.path(), x -> knownId.test(x) || result.containsKey(x));
            Entry e = new Entry(id, s.path(), s.size(), s.mtime(), s.key(), h, scanAt, r != null ? r.origin : replicaName, null);
            claim(e);
            Copier.Hashed x = hashes != null ? hashes[i] : null;
            if (x != null && x.tmp() != null) { // a copy for the other folder, made while hashing: of a new file only
                if (r == null) {
                    speculation.offer(e.content(root), x.target(), x.tmp(), x.tmpStat());
                } else {
                    speculation.discard(x.tmp());
                }
            }
        }
        return result;
    }

    /**
     * The empty folders the walk found: one recorded at the same path (exactly: on a volume without
     * case, a folder found under another case is a new one, and the record is gone) is that item,
     * unchanged; any other is a new item, with an id derived from its path.
     */
    private void matchFolders() {
        for (String path : emptyFolders) {
            Entry r = folders.get(path);
            if (r != null) {
                Entry e = Entry.folder(r.id, r.path, r.origin);
                e.checked = r.checked;
                e.base = r;
                claim(e);
                if (e.unchangedId() != null) {
                    settledExactly++;
                }
            } else {
                claim(Entry.folder(FileSchema.newFolderId(path, x -> knownId.test(x) || result.containsKey(x)), path, replicaName));
            }
        }
    }

    /** Of the recorded items at one path, the one this file is: a trusted stat match first, else one still unclaimed. */
    private Entry pick(List<Entry> candidates, Stat s) {
        if (candidates == null) {
            return null;
        }
        Entry any = null;
        for (Entry r : candidates) {
            if (!result.containsKey(r.id)) {
                if (s.matches(r)) {
                    return r;
                }
                if (any == null || (s.key() != null && s.key().equals(r.key))) {
                    any = r;
                }
            }
        }
        return any;
    }

    private void claim(Entry e) {
        result.put(e.id, e);
    }

    private Path file(Stat s) {
        return root.resolve(s.path());
    }

    private byte[] hash(Stat s) {
        try {
            return hasher.hash(file(s));
        } catch (java.nio.file.NoSuchFileException e) {
            // deleted since the walk: hash nothing, the next scan sees it gone
            return ContentHash.of(new byte[0]);
        } catch (IOException e) {
            throw new SyncException("Cannot read " + file(s) + " to hash it: " + e.getMessage(), e);
        }
    }

    /** {@link #hash}, and the copy {@link #speculate} asks for, on this thread. */
    private Copier.Hashed hashHere(Stat s) {
        try {
            Copier.Hashed x = Copier.hashOne(file(s), s, speculation, hasher);
            return x.hash() != null ? x : new Copier.Hashed(ContentHash.of(new byte[0]), null, null, null);
        } catch (java.nio.file.NoSuchFileException e) {
            return new Copier.Hashed(ContentHash.of(new byte[0]), null, null, null); // deleted since the walk, as in hash()
        } catch (IOException e) {
            throw new SyncException("Cannot read " + file(s) + " to hash it: " + e.getMessage(), e);
        }
    }

    /**
     * The hashes of many new files at once, on the {@link Copier}'s pool (an initial scan of
     * 10,000 files reads a gigabyte), with the copies {@link #speculate} asks for; null for a few,
     * which {@link #hash} does one by one.
     */
    private Copier.Hashed[] hashAll(List<Stat> stats) {
        if (stats.size() < PARALLEL_HASHING) {
            return null;
        }
        try {
            Copier.Hashed[] h = Copier.hashAll(stats.stream().map(this::file).toList(), stats, speculation);
            for (int i = 0; i < h.length; i++) {
                if (h[i].hash() == null) {
                    h[i] = new Copier.Hashed(ContentHash.of(new byte[0]), null, null, null); // deleted since the walk, as in hash()
                }
            }
            return h;
        } catch (IOException e) {
            throw new SyncException("Cannot read a file under " + root + " to hash it: " + e.getMessage(), e);
        }
    }

    private static String contentKey(long size, byte[] hash) {
        return size + ":" + java.util.HexFormat.of().formatHex(hash);
    }
}
