package dev.syncwright.files.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.simple.FullEnumerationStore;
import dev.syncwright.core.simple.ItemFields;
import dev.syncwright.core.spi.ItemChange;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.MetadataStore;
import dev.syncwright.files.FileAction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A folder tree as a full-enumeration simple store (ADR 050): scanning and identity matching
 * ({@link Matcher}), the writes a sync asks for, with placement around name clashes
 * ({@link Placement}) and keep-both conflict copies. A scan is kept for the rest of a sync run and
 * updated by the store's own writes, so a two-way sync walks the tree once; {@link #endRun()}
 * drops it. Writes check first that the file is still what the last scan saw, and refuse
 * otherwise: the session fails and the next run meets the local edit as the conflict it is.
 */
public final class FolderStore implements FullEnumerationStore {
    final Path root;
    final String name;
    final FolderOptions options;
    final Disk disk;
    final CachedMetadataStore meta;
    final List<FileAction> actions = new ArrayList<>();
    final Placement placement;
    boolean preview;
    /** What this preview pretended to write outside the listing: the next pass finds it ({@link PreviewFiles}). */
    final PreviewFiles previewFiles;
    private final ConflictCopies conflictCopies = new ConflictCopies(this);
    /** The paths listed as {@link FileAction.Kind#SKIP} since the actions were last drained: each pass walks again. */
    private final Set<String> skipsListed = new HashSet<>();
    boolean anotherPass;
    private Map<UUID, Entry> listing;
    /** The walk of this run ({@link #walk}), until {@link #endRun}. */
    private Matcher walked;
    /** The listing is the scan's, every recorded item exactly as recorded and nothing else; cleared by any write. */
    private boolean asRecorded;
    /** Scans of this store never overlap (two stores may scan at once, each with its own). */
    private final ContentHash scanHasher = new ContentHash();
    /** The listing's live empty folders: their folders stay when a move or delete empties them. */
    private final EmptyFolders emptyFolders = new EmptyFolders(this);

    public FolderStore(Path root, String name, FolderOptions options, MetadataStore metadata) {
        this.root = root;
        this.name = name;
        this.options = options;
        this.disk = new Disk(root, options.fsync(), options.recycle(), options.caseInsensitive(), options.modes(),
                dir -> emptyFolders.keeps(Scanner.rel(root, dir)));
        this.meta = new CachedMetadataStore(metadata, disk::flush, disk::discard);
        this.placement = new Placement(this);
        this.previewFiles = new PreviewFiles(options.caseInsensitive(), emptyFolders::keeps);
    }

    public MetadataStore metadataStore() {
        return meta;
    }

    /** Forgets the scan: the next listing walks the tree again. A preview keeps it (its writes exist only there). */
    public void endRun() {
        if (!preview) {
            listing = null;
            asRecorded = false;
            walked = null;
        }
    }

    /** Runs the next syncs as a preview: nothing is written to disk or to the metadata file. */
    public void startPreview() {
        preview = true;
        meta.detach();
    }

    /** Ends a preview: back to the metadata file's state, and a fresh scan. */
    public void endPreview() {
        preview = false;
        previewFiles.clear();
        listing = null;
        asRecorded = false;
        walked = null;
        meta.reload();
    }

    /** What the syncs since the last call did (or would do), and clears the list. */
    public List<FileAction> drainActions() {
        List<FileAction> a = List.copyOf(actions);
        actions.clear();
        skipsListed.clear();
        return a;
    }

    /** True when a write made a file that has not travelled yet (a conflict copy, a clash rename). */
    public boolean takeAnotherPass() {
        boolean b = anotherPass;
        anotherPass = false;
        return b;
    }

    public long bytesCopied() {
        return disk.bytesCopied;
    }

    /** Writes that found their content already copied here by the other folder's scan (counted with the copies; diagnostics and tests). */
    public long copiesTakenFromScans() {
        return disk.takenFromScans;
    }

    // ---- listing ----

    @Override
    public void listItems(Consumer<ItemFields> sink) {
        listItems(sink, null);
    }

    /** A file the scan found exactly as recorded goes by its item id: the provider need not compare it. */
    @Override
    public void listItems(Consumer<ItemFields> changed, Consumer<ItemId> unchanged) {
        for (Entry e : listing().values()) {
            ItemId id = unchanged == null ? null : e.unchangedId();
            if (id != null) {
                unchanged.accept(id);
            } else {
                changed.accept(e.fields());
            }
        }
    }

    /** The scan found every recorded file as recorded and nothing else, and nothing was written since: the provider need not list. */
    @Override
    public boolean allUnchanged() {
        listing();
        return asRecorded;
    }

    /**
     * The first half of a scan (if this run has not scanned yet): the records and the walk, which
     * settles unchanged files. {@link #finish} then hashes and matches the rest; between the two, a
     * caller that walked another folder too may let each copy new files into the other
     * ({@link Speculation}).
     */
    public void walk() {
        if (preview && listing != null && !previewFiles.isEmpty()) { // the next pass of a preview: what it pretended to write
            previewFiles.adoptInto(listing, this::recorded, name, nowNanos(), placement);
            asRecorded = false;
        }
        if (listing != null || walked != null) {
            return;
        }
        long scanAt = nowNanos();
        List<Entry> recorded = new ArrayList<>();
        meta.forEachItem((ItemMetadata m) -> {
            if (!m.isTombstone()) {
                recorded.add(Entry.recorded(m, root));
            }
        });
        walked = new Matcher(root, name, scanAt, options.alwaysHash(), this::recorded, scanHasher);
        // the records first, so the walk settles each unchanged file as it finds it (no stat kept)
        walked.expect(recorded);
        walked.walk(options.filter(), !preview && !disk.hasStaged(), rel -> disk.madeForCopies(root.resolve(rel)));
        walked.skipped.forEach((rel, what) -> {
            if (skipsListed.add(rel)) {
                action(FileAction.Kind.SKIP, rel, what + ": only regular files sync", 0);
            }
        });
    }

    /**
     * The second half of a scan: hashes and matches what the walk left. New files of this folder
     * that {@code other} (walked already, in the same sync) has no file or record at are copied
     * into it as they are hashed; null copies nothing.
     */
    public void finish(FolderStore other) {
        if (listing != null) {
            return;
        }
        walk();
        if (other != null && other != this && !preview) {
            walked.speculate(new Speculation(other));
        }
        listing = walked.matchRest(options.filter());
        asRecorded = walked.allAsRecorded();
        placement.index(listing.values());
        emptyFolders.index(listing.values());
    }

    /**
     * Moves the file of {@code e} (still at its old path) to {@code to}; the caller then moves the
     * entry. A preview only pretends: the bytes stay where they are, and the old path is free.
     */
    void moveFileOf(Entry e, String to) {
        if (!preview) {
            disk.moveFile(root.resolve(e.path), root.resolve(to));
            e.source = null; // the file at its new path
        } else {
            e.keepSourceIn(root);
            previewFiles.leave(e.path);
            previewFiles.placed(to);
        }
    }

    /** True when the metadata holds a record (live or a tombstone) of the item with this id. */
    private boolean recorded(UUID id) {
        return meta.item(FileSchema.SCHEMA.itemId(ItemFields.of(FileSchema.ID, id))) != null;
    }

    /** Where another folder's new file at {@code rel} could be copied here ahead of the sync ({@link Speculation#target}). */
    Path speculationTarget(String rel) {
        Matcher w = walked;
        boolean free = !preview && !options.caseInsensitive() && w != null && options.filter().accepts(rel) && !w.mayHold(rel);
        return free ? root.resolve(rel) : null;
    }

    /** At the end of a sync run: deletes the copies another folder's scan made here that no write took. */
    public void dropSpeculated() {
        disk.dropSpeculated();
    }

    Map<UUID, Entry> listing() {
        if (listing == null) {
            finish(null);
        }
        return listing;
    }

    /** The listing, about to be written to: no longer as recorded. */
    private Map<UUID, Entry> written() {
        Map<UUID, Entry> l = listing();
        asRecorded = false;
        return l;
    }

    @Override
    public Object[] load(ItemFields identity) {
        Entry e = listing().get((UUID) identity.get(FileSchema.ID));
        if (e == null || (!e.frozen && !e.isFolder() && !disk.isStaged(e.path) && Stat.read(e.source(root), e.path) == null)) {
            return null;
        }
        return new Object[] {e.path, e.isFolder() ? e.content(root) : e.content(root).withMode(options.modes())};
    }

    // ---- writes ----

    /**
     * Before a batch is applied: starts copying, several at once, the contents the batch brings for
     * paths where this replica holds other bytes or nothing ({@link Disk#copyAhead}). The applier
     * still decides every write; a copy it does not ask for is deleted at the batch's end.
     */
    public void copyAhead(List<ItemChange> changes) {
        for (ItemChange c : changes) {
            int content = c.isTombstone() ? -1 : c.indexOf(FileSchema.CONTENT_UNIT);
            if (content < 0 || !(c.value(content) instanceof FileContent f) || f.isFolder()) {
                continue;
            }
            Entry e = listing().get((UUID) FileSchema.SCHEMA.identity(c.itemId()).get(FileSchema.ID));
            int p = c.indexOf(FileSchema.PATH_UNIT);
            String path = p >= 0 && c.value(p) instanceof String s ? FileSchema.cleanPath(s) : e != null ? e.path : null;
            if (path != null && (e == null || !(f.sameBytes(e.hash) || e.frozen)) && options.filter().accepts(path)) {
                if (preview) {
                    previewFiles.foldersAhead(path, root); // the folders the copy would make, which the batch's clash checks then see
                } else {
                    disk.copyAhead(f, root.resolve(path), path);
                }
            }
        }
    }

    @Override
    public ItemFields insert(ItemFields identity, Object[] values) {
        UUID id = (UUID) identity.get(FileSchema.ID);
        String path = (String) values[FileSchema.PATH_UNIT];
        Object value = values[FileSchema.CONTENT_UNIT];
        FileContent c = value instanceof KeepBoth k ? k.winner() : (FileContent) value;
        written();
        if (c.isFolder()) {
            Entry e = Entry.folder(id, path, c.origin());
            listing.put(id, e);
            emptyFolders.make(e);
            return e.fields();
        }
        Entry e = new Entry(id, path, c.size(), c.mtime(), null, c.hash(), nowNanos(), c.origin(), c.source());
        if (!options.filter().accepts(path)) {
            e.frozen = true; // excluded here: recorded, never written, never deleted
            listing.put(id, e);
            return e.fields();
        }
        Placement.Place p = placement.placeNew(e, path);
        e.path = p.path();
        if (preview) {
            previewFiles.placed(e.path);
        }
        writeContent(e, c, FileAction.Kind.CREATE);
        listing.put(id, e);
        placement.add(e);
        if (value instanceof KeepBoth k) {
            conflictCopies.write(e.path, k.loser());
        }
        return after(e, p.moved());
    }

    @Override
    public ItemFields update(ItemFields expected, int[] units, Object[] values) {
        UUID id = (UUID) expected.get(FileSchema.ID);
        Entry e = written().get(id);
        if (e == null) {
            throw new SyncException("File " + FileSchema.cleanPath(expected.get(FileSchema.PATH)) + " in " + root
                    + " was deleted or moved locally since the last detection pass; sync again");
        }
        String newPath = e.path;
        Object content = null;
        for (int i = 0; i < units.length; i++) {
            if (units[i] == FileSchema.PATH_UNIT) {
                newPath = (String) values[i];
            } else {
                content = values[i];
            }
        }
        if (e.isFolder()) { // no replica edits or moves one; should a path arrive all the same, the folder moves
            if (!newPath.equals(e.path)) {
                emptyFolders.remove(e);
                e.path = newPath;
                emptyFolders.make(e);
            }
            return e.fields();
        }
        if (e.frozen) {
            e.path = newPath;
            if (content instanceof FileContent c) {
                e.hash = c.hash();
            }
            return e.fields();
        }
        checkUnchanged(e);
        boolean moved = false;
        if (!newPath.equals(e.path)) {
            // Moved elsewhere into a path this replica excludes: the file goes there all the same
            // (left behind, it would look like a new file here) and is frozen from now on.
            boolean leaving = !options.filter().accepts(newPath);
            Placement.Place p = placement.place(e, newPath);
            String from = e.path;
            moveFileOf(e, p.path());
            placement.move(e, p.path());
            action(FileAction.Kind.MOVE, from, "to " + p.path(), 0);
            moved = p.moved();
            if (leaving) {
                placement.remove(e);
                e.frozen = true;
            }
        }
        if (content instanceof FileContent c) {
            if (!c.sameBytes(e.hash)) {
                writeContent(e, c, FileAction.Kind.UPDATE);
            }
            e.origin = c.origin();
        } else if (content instanceof KeepBoth k) {
            conflictCopies.keepBoth(e, k);
        }
        return after(e, moved);
    }

    /** Writes {@code c} as the content of {@code e} at its path (a preview only records it). */
    void writeContent(Entry e, FileContent c, FileAction.Kind kind) {
        e.hash = c.hash();
        e.origin = c.origin();
        e.checked = nowNanos();
        if (preview) {
            e.size = c.size();
            e.mtime = c.mtime();
            e.source = c.source();
        } else {
            Stat s = disk.write(c, root.resolve(e.path), e.path);
            e.size = s.size();
            e.mtime = s.mtime();
            e.key = s.key();
            e.source = null; // the file written at its path
        }
        action(kind, e.path, c.toString(), c.size());
    }

    @Override
    public void delete(ItemFields expected) {
        UUID id = (UUID) expected.get(FileSchema.ID);
        Entry e = written().get(id);
        if (e == null) {
            return;
        }
        if (e.isFolder()) {
            emptyFolders.remove(e);
        } else if (!e.frozen) {
            disk.settle(); // the tree as this batch's writes so far made it
            if (Stat.read(e.source(root), e.path) != null) { // in a preview, where the bytes still are (a move it pretended)
                checkUnchanged(e);
                if (!preview) {
                    disk.delete(root.resolve(e.path), e.path);
                } else {
                    previewFiles.leave(e.path);
                }
                action(FileAction.Kind.DELETE, e.path, options.recycle() ? "recycled" : "", 0);
            }
            placement.remove(e);
        }
        listing.remove(id);
    }

    /** Refuses to overwrite, move or delete a file edited since the scan (SimpleItemStore's optimistic check). */
    private void checkUnchanged(Entry e) {
        if (!preview && !e.unchangedIn(root)) {
            throw new SyncException("File " + e.path + " in " + root + " changed locally since the last detection pass; sync again");
        }
    }

    private ItemFields after(Entry e, boolean moved) {
        ItemFields f = e.fields();
        return moved ? f.with(FileSchema.PATH, e.path + FileSchema.MOVED_MARK) : f;
    }

    void action(FileAction.Kind kind, String path, String detail, long bytes) {
        actions.add(new FileAction(kind, name, path, detail, bytes));
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
