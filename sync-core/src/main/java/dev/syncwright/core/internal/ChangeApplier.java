package dev.syncwright.core.internal;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictDecision;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.RowApplying;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ApplyContext;
import dev.syncwright.core.spi.ApplyPlan;
import dev.syncwright.core.spi.BatchApplier;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.FetchedItem;
import dev.syncwright.core.spi.ItemChange;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.ItemWrite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one place where conflicts are detected and resolved (DESIGN §2, ADR 001). For each incoming
 * change, with K the destination's knowledge and M the source's made-with knowledge:
 * <ul>
 *   <li>a version K contains is skipped (no echo, no double apply);</li>
 *   <li>a local version M contains is superseded: the change is applied;</li>
 *   <li>otherwise the two are concurrent: a conflict, resolved by the policy.</li>
 * </ul>
 * Existence (insert, delete, re-insert) is decided per item, values per change unit. Every
 * resolution that is not a deterministic function of the two versions mints a new local version,
 * so that replicas resolving the same pair differently still converge.
 */
public final class ChangeApplier implements BatchApplier {
    private final ChangeBatch batch;
    private final ReplicaId source;
    private final ReplicaId destination;
    private final boolean destinationIsRemote;
    private final ConflictPolicy policy;
    private final Function<ItemId, Optional<FetchedItem>> fetcher;
    private final Consumer<RowApplying> rowHook;

    public ChangeApplier(ChangeBatch batch, ReplicaId source, ReplicaId destination, boolean destinationIsRemote,
            ConflictPolicy policy, Function<ItemId, Optional<FetchedItem>> fetcher) {
        this(batch, source, destination, destinationIsRemote, policy, fetcher, null);
    }

    /** With {@code rowHook} (may be null): shown each row about to be written, it may change values or hold the row back. */
    public ChangeApplier(ChangeBatch batch, ReplicaId source, ReplicaId destination, boolean destinationIsRemote,
            ConflictPolicy policy, Function<ItemId, Optional<FetchedItem>> fetcher, Consumer<RowApplying> rowHook) {
        this.batch = batch;
        this.source = source;
        this.destination = destination;
        this.destinationIsRemote = destinationIsRemote;
        this.policy = policy;
        this.fetcher = fetcher;
        this.rowHook = rowHook;
    }

    @Override
    public Recipe recipe() {
        return new Recipe(source, destination, destinationIsRemote, policy, fetcher, rowHook != null);
    }

    @Override
    public ApplyPlan plan(ApplyContext ctx) {
        return new Run(ctx).run();
    }

    private final class Run {
        private final ApplyContext ctx;
        private ReplicaKeyMap keys;
        private Knowledge known;
        private Knowledge madeWith;
        private int[] sourceKeys;
        private Version minted;
        private Knowledge forgottenHere;
        private final List<ItemWrite> writes = new ArrayList<>();
        private final List<Conflict> conflicts = new ArrayList<>();
        private final List<ItemId> deferredItems = new ArrayList<>();
        private final List<Object[]> deferredUnits = new ArrayList<>();
        private int applied;
        private int skipped;
        private int withheldCount;

        Run(ApplyContext ctx) {
            this.ctx = ctx;
            Knowledge k = ctx.knowledge();
            keys = k.keys().extendedWith(batch.madeWith().keys());
            known = k.translatedTo(keys);
            madeWith = batch.madeWith().translatedTo(keys);
            sourceKeys = keyMapping(batch.madeWith().keys());
        }

        private int[] keyMapping(ReplicaKeyMap from) {
            int[] map = new int[from.size()];
            for (int i = 0; i < map.length; i++) {
                map[i] = keys.keyOf(from.replicaId(i));
            }
            return map;
        }

        ApplyPlan run() {
            for (ItemChange raw : batch.changes()) {
                ItemChange c = raw.translate(sourceKeys);
                ItemMetadata local = ctx.item(c.itemId());
                if (c.isTombstone()) {
                    applyDelete(c, local);
                } else if (local == null || local.isTombstone()) {
                    applyToAbsent(c, local);
                } else {
                    applyToLive(c, local);
                }
            }
            if (batch.fullEnumeration()) {
                detectForgottenDeletes();
            }
            for (var w : batch.withheld().entrySet()) {
                // not sent: the made-with knowledge already leaves it out; reported like a refused row
                conflicts.add(new Conflict(ConflictKind.CONSTRAINT, w.getKey(), null, source, destination,
                        destinationIsRemote, null, null, ConflictResolution.DEFER, "not sent by the source: " + w.getValue()));
                withheldCount++;
            }
            if (rowHook != null) {
                intercept();
            }
            Knowledge learned = madeWith.project(batch.rangeStart(), batch.rangeEndExclusive());
            for (ItemId id : deferredItems) {
                learned = learned.excludeItem(id);
            }
            for (Object[] u : deferredUnits) {
                learned = learned.excludeChangeUnit((ItemId) u[0], (Integer) u[1]);
            }
            Knowledge newForgotten = null;
            if (batch.fullEnumeration() && batch.sourceForgotten() != null) {
                // Learning a range from an out-of-date session can teach us deletions whose tombstones
                // the source forgot; our peers must then treat us as having forgotten them too.
                Knowledge merged = ctx.forgottenKnowledge().merge(batch.sourceForgotten());
                newForgotten = merged.equals(ctx.forgottenKnowledge()) ? null : merged;
            }
            int deferred = deferredItems.size() + deferredUnits.size() + withheldCount;
            return new ApplyPlan(writes, known.merge(learned), newForgotten, conflicts, batch.changes().size(), applied, skipped, deferred);
        }

        // ---- incoming tombstone ----

        private void applyDelete(ItemChange c, ItemMetadata local) {
            ItemId id = c.itemId();
            Version dC = c.deletionVersion();
            if (known.contains(id, dC) || (local != null && dC.equals(local.deletionVersion()))) {
                skipped++;
            } else if (local == null) {
                // No record here. If we may have forgotten a newer state of this item (a delete of a
                // re-insert the source never saw), storing the source's older tombstone would claim
                // that knowledge without carrying it: the tombstone then gets a new version.
                boolean forgottenCovered = madeWith.itemVector(id).dominates(forgotten().itemVector(id));
                write(ItemWrite.delete(id, c.creationVersion(), forgottenCovered ? dC : mint()));
            } else if (local.isTombstone()) {
                if (madeWith.contains(id, local.deletionVersion())) {
                    write(ItemWrite.delete(id, c.creationVersion(), dC));
                } else {
                    // Deleted on both sides concurrently: no conflict in the data, but neither tombstone
                    // carries the other's history (one may have deleted a re-insert the other never
                    // saw), so the result gets a new version that covers both.
                    write(ItemWrite.delete(id, local.creationVersion(), mint()));
                }
            } else if (allKnownBySource(local)) {
                write(ItemWrite.delete(id, local.creationVersion(), dC));
            } else {
                Conflict conflict = conflict(ConflictKind.UPDATE_DELETE, id, unknownUnits(local), null, ctx.values(id));
                resolveExistence(conflict, local, c, true);
            }
        }

        // ---- incoming live item, no live local item ----

        private void applyToAbsent(ItemChange c, ItemMetadata local) {
            ItemId id = c.itemId();
            Version cvC = c.creationVersion();
            if (allKnownByDestination(c)) {
                skipped++;
                return;
            }
            boolean locallyDeleted = local == null
                    ? known.contains(id, cvC) // we saw this incarnation and hold no record: deleted here, tombstone cleaned up
                    : !madeWith.contains(id, local.deletionVersion());
            if (!locallyDeleted) {
                ItemChange full = fullRow(c);
                if (full == null) {
                    defer(id);
                } else {
                    write(insert(full, full.creationVersion()));
                }
                return;
            }
            Conflict conflict = conflict(ConflictKind.DELETE_UPDATE, id, units(c), sourceValues(c), null);
            resolveExistence(conflict, local, c, false);
        }

        /**
         * Resolves delete-versus-update. {@code remoteDeletes} says which side deleted. The winner
         * gets a minted version: a minted tombstone, or a minted re-insert (new incarnation, every
         * unit at the new version) that beats the delete everywhere.
         */
        private void resolveExistence(Conflict conflict, ItemMetadata local, ItemChange c, boolean remoteDeletes) {
            ConflictDecision d = decide(conflict);
            ConflictDecision.Kind k = d.kind() == ConflictDecision.Kind.MERGE ? d.secondary().kind() : d.kind();
            ItemId id = c.itemId();
            switch (k) {
                case DEFER -> {
                    record(conflict, ConflictResolution.DEFER);
                    defer(id);
                }
                case SOURCE, DESTINATION -> {
                    boolean deleteWins = (k == ConflictDecision.Kind.SOURCE) == remoteDeletes;
                    ConflictResolution r = d.kind() == ConflictDecision.Kind.MERGE ? ConflictResolution.MERGE
                            : k == ConflictDecision.Kind.SOURCE ? ConflictResolution.SOURCE_WINS : ConflictResolution.DESTINATION_WINS;
                    if (deleteWins) {
                        Version cv = local != null ? local.creationVersion() : c.creationVersion();
                        write(ItemWrite.delete(id, cv, mint()));
                    } else if (remoteDeletes) {
                        // The local row stays; a new incarnation with versions only.
                        write(ItemWrite.upsert(id, mint(), new Version[0], false, null, null));
                    } else {
                        ItemChange full = fullRow(c);
                        if (full == null) {
                            record(conflict, ConflictResolution.DEFER);
                            defer(id);
                            return;
                        }
                        ItemWrite w = insert(full, full.creationVersion());
                        write(ItemWrite.upsert(id, mint(), new Version[0], true, w.valueUnits(), w.values()));
                    }
                    record(conflict, r);
                }
                default -> throw new SyncException("Conflict handler returned " + d + " for a " + conflict.kind()
                        + " conflict on item " + id + "; only source, destination, local, remote, merge or defer fit an existence conflict");
            }
        }

        // ---- incoming live item, live local item ----

        private void applyToLive(ItemChange c, ItemMetadata local) {
            ItemId id = c.itemId();
            Version cvL = local.creationVersion();
            Version cvC = c.creationVersion();
            boolean insertInsert = false;
            Version cv;
            if (cvL.equals(cvC)) {
                cv = cvL;
            } else if (madeWith.contains(id, cvL)) {
                cv = cvC; // the source saw our incarnation: its incarnation is newer
            } else if (known.contains(id, cvC)) {
                cv = cvL; // we saw the source's incarnation: ours is newer
            } else {
                insertInsert = true; // created concurrently on both sides
                cv = greater(cvC, cvL) ? cvC : cvL;
            }
            int n = Math.max(local.changeUnitCount(), maxUnit(c) + 1);
            Version[] before = explicitVersions(local, n);
            Version[] after = before.clone();
            List<Integer> valueUnits = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            List<Integer> conflicting = new ArrayList<>();
            for (int i = 0; i < c.unitCount(); i++) {
                int u = c.unit(i);
                Version vC = c.version(i);
                Version vL = before[u];
                if (vC.equals(vL) || known.contains(id, u, vC)) {
                    continue;
                }
                if (madeWith.contains(id, u, vL)) {
                    after[u] = vC;
                    valueUnits.add(u);
                    values.add(c.value(i));
                } else {
                    conflicting.add(u);
                }
            }
            boolean changed = !cv.equals(cvL) || !valueUnits.isEmpty();
            if (insertInsert || !conflicting.isEmpty()) {
                ConflictKind kind = insertInsert ? ConflictKind.INSERT_INSERT : ConflictKind.UPDATE_UPDATE;
                Conflict conflict = conflict(kind, id, toArray(conflicting), sourceValues(c), ctx.values(id));
                ConflictDecision d = decide(conflict);
                ConflictDecision.Kind k = d.kind() == ConflictDecision.Kind.MERGE ? d.secondary().kind() : d.kind();
                if (k == ConflictDecision.Kind.DEFER) {
                    record(conflict, ConflictResolution.DEFER);
                    if (insertInsert) {
                        defer(id);
                        return;
                    }
                    for (int u : conflicting) {
                        deferredUnits.add(new Object[] {id, u});
                    }
                } else {
                    Version v = conflicting.isEmpty() ? null : mint();
                    for (int u : conflicting) {
                        after[u] = v;
                        Object value = switch (k) {
                            case SOURCE -> c.value(c.indexOf(u));
                            case VALUES -> d.values().containsKey(u) ? d.values().get(u) : KEEP;
                            case DESTINATION -> KEEP;
                            default -> throw new SyncException("Conflict handler returned " + d + " for " + conflict);
                        };
                        if (value != KEEP) {
                            valueUnits.add(u);
                            values.add(value);
                        }
                    }
                    changed = true;
                    record(conflict, d.kind() == ConflictDecision.Kind.MERGE ? ConflictResolution.MERGE
                            : k == ConflictDecision.Kind.SOURCE ? ConflictResolution.SOURCE_WINS
                            : k == ConflictDecision.Kind.VALUES ? ConflictResolution.CUSTOM : ConflictResolution.DESTINATION_WINS);
                }
            }
            if (changed) {
                write(ItemWrite.upsert(id, cv, normalize(after, cv), false, toArray(valueUnits), values.toArray()));
            } else {
                skipped++;
            }
        }

        // ---- full enumeration: items the source no longer holds ----

        private void detectForgottenDeletes() {
            Set<ItemId> present = new HashSet<>(batch.presentItems());
            for (ItemChange c : batch.changes()) {
                present.add(c.itemId());
            }
            for (ItemMetadata local : ctx.itemsInRange(batch.rangeStart(), batch.rangeEndExclusive())) {
                if (present.contains(local.itemId())) {
                    continue;
                }
                ItemId id = local.itemId();
                if (allKnownBySource(local)) {
                    // Gone at the source, which knew our state: whatever deleted it there is covered by
                    // the forgotten knowledge we adopt. A stale tombstone is dropped too, or we would
                    // claim to know that later delete while offering only our older one.
                    write(ItemWrite.forget(id));
                } else if (!local.isTombstone() && madeWith.contains(id, local.creationVersion())) {
                    // The source saw this incarnation, deleted it and forgot; we changed it since.
                    Conflict conflict = conflict(ConflictKind.UPDATE_DELETE, id, unknownUnits(local), null, ctx.values(id));
                    resolveExistence(conflict, local, ItemChange.tombstone(id, local.creationVersion(), local.creationVersion()), true);
                }
            }
        }

        // ---- helpers ----

        private boolean allKnownBySource(ItemMetadata local) {
            ItemId id = local.itemId();
            if (local.isTombstone()) {
                return madeWith.contains(id, local.deletionVersion());
            }
            if (!madeWith.contains(id, local.creationVersion())) {
                return false;
            }
            for (int u : unitsToCheck(local)) {
                if (!madeWith.contains(id, u, local.unitVersion(u))) {
                    return false;
                }
            }
            return true;
        }

        /** Units with their own version, and units the made-with knowledge judges separately. */
        private java.util.SortedSet<Integer> unitsToCheck(ItemMetadata local) {
            java.util.TreeSet<Integer> u = new java.util.TreeSet<>(madeWith.unitsWithExceptions(local.itemId()));
            for (int i = 0; i < local.changeUnitCount(); i++) {
                u.add(i);
            }
            return u;
        }

        private boolean allKnownByDestination(ItemChange c) {
            if (!known.contains(c.itemId(), c.creationVersion())) {
                return false;
            }
            for (int i = 0; i < c.unitCount(); i++) {
                if (!known.contains(c.itemId(), c.unit(i), c.version(i))) {
                    return false;
                }
            }
            return true;
        }

        private int[] unknownUnits(ItemMetadata local) {
            List<Integer> u = new ArrayList<>();
            for (int i : unitsToCheck(local)) {
                if (!madeWith.contains(local.itemId(), i, local.unitVersion(i))) {
                    u.add(i);
                }
            }
            return toArray(u);
        }

        /** The change itself when it is a full row, else the source's current full row (null if it no longer has one). */
        private ItemChange fullRow(ItemChange c) {
            if (c.isFullRow()) {
                return c;
            }
            Optional<FetchedItem> f = fetcher.apply(c.itemId());
            if (f.isEmpty() || f.get().change().isTombstone()) {
                return null;
            }
            ReplicaKeyMap extended = keys.extendedWith(f.get().keys());
            if (!extended.equals(keys)) {
                keys = extended;
                known = known.translatedTo(keys);
                madeWith = madeWith.translatedTo(keys);
                sourceKeys = keyMapping(batch.madeWith().keys());
            }
            return f.get().change().translate(keyMapping(f.get().keys()));
        }

        private ItemWrite insert(ItemChange full, Version cv) {
            Version[] v = new Version[maxUnit(full) + 1];
            int[] units = new int[full.unitCount()];
            Object[] values = new Object[full.unitCount()];
            for (int i = 0; i < full.unitCount(); i++) {
                v[full.unit(i)] = full.version(i);
                units[i] = full.unit(i);
                values[i] = full.value(i);
            }
            return ItemWrite.upsert(full.itemId(), cv, normalize(v, cv), true, units, values);
        }

        private Knowledge forgotten() {
            if (forgottenHere == null || !forgottenHere.keys().equals(keys)) {
                forgottenHere = ctx.forgottenKnowledge().translatedTo(keys);
            }
            return forgottenHere;
        }

        private Version mint() {
            if (minted == null) {
                minted = Version.local(ctx.mintTick());
            }
            return minted;
        }

        private boolean greater(Version a, Version b) {
            int c = keys.replicaId(a.replicaKey()).compareTo(keys.replicaId(b.replicaKey()));
            return c != 0 ? c > 0 : a.tick() > b.tick();
        }

        private Conflict conflict(ConflictKind kind, ItemId id, int[] units, Object[] sourceValues, Object[] destinationValues) {
            return new Conflict(kind, id, units, source, destination, destinationIsRemote, sourceValues, destinationValues, null);
        }

        private ConflictDecision decide(Conflict c) {
            return policy.decide(c);
        }

        private void record(Conflict c, ConflictResolution r) {
            conflicts.add(c.withResolution(r));
        }

        private void defer(ItemId id) {
            deferredItems.add(id);
        }

        /** Shows each write to the hook ({@link RowHooks}): a row held back is deferred, a changed value gets a minted version. */
        private void intercept() {
            List<ItemWrite> kept = RowHooks.apply(writes, rowHook, id -> {
                defer(id);
                applied--;
            }, this::mint);
            writes.clear();
            writes.addAll(kept);
        }

        private void write(ItemWrite w) {
            writes.add(w);
            applied++;
        }
    }

    private static final Object KEEP = new Object();

    private static Object[] sourceValues(ItemChange c) {
        Object[] v = new Object[maxUnit(c) + 1];
        for (int i = 0; i < c.unitCount(); i++) {
            v[c.unit(i)] = c.value(i);
        }
        return v;
    }

    private static int[] units(ItemChange c) {
        int[] u = new int[c.unitCount()];
        for (int i = 0; i < u.length; i++) {
            u[i] = c.unit(i);
        }
        return u;
    }

    private static int maxUnit(ItemChange c) {
        return c.unitCount() == 0 ? -1 : c.unit(c.unitCount() - 1);
    }

    private static Version[] explicitVersions(ItemMetadata m, int n) {
        Version[] v = new Version[n];
        for (int i = 0; i < n; i++) {
            v[i] = m.unitVersion(i);
        }
        return v;
    }

    /** Unit versions equal to the creation version are stored as null; trailing nulls dropped. */
    private static Version[] normalize(Version[] v, Version cv) {
        Version[] r = v.clone();
        int n = 0;
        for (int i = 0; i < r.length; i++) {
            if (r[i] != null && r[i].equals(cv)) {
                r[i] = null;
            }
            if (r[i] != null) {
                n = i + 1;
            }
        }
        return Arrays.copyOf(r, n);
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
