package dev.syncwright.core.spi;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One item in a change batch, with versions in the source's key space. Either a tombstone (a
 * delete version) or a live item with some of its change units; a full row carries every unit,
 * which is what a destination needs to create the item.
 */
public final class ItemChange {
    private final ItemId itemId;
    private final Version creation;
    private final Version deletion;
    private final boolean fullRow;
    private final int[] units;
    private final Version[] versions;
    private final Object[] values;

    private ItemChange(ItemId itemId, Version creation, Version deletion, boolean fullRow, int[] units,
            Version[] versions, Object[] values) {
        this.itemId = Objects.requireNonNull(itemId, "itemId");
        this.creation = Objects.requireNonNull(creation, "creation");
        this.deletion = deletion;
        this.fullRow = fullRow;
        if (units.length != versions.length || units.length != values.length) {
            throw new SyncException("Item change " + itemId + ": units, versions and values differ in length");
        }
        for (int i = 0; i < units.length; i++) {
            if (units[i] < 0 || (i > 0 && units[i] <= units[i - 1])) {
                throw new SyncException("Item change " + itemId + ": change units must be non-negative and increasing");
            }
            Objects.requireNonNull(versions[i], "version");
        }
        this.units = units;
        this.versions = versions;
        this.values = values;
    }

    public static ItemChange tombstone(ItemId id, Version creation, Version deletion) {
        return new ItemChange(id, creation, Objects.requireNonNull(deletion, "deletion"), false, new int[0], new Version[0], new Object[0]);
    }

    /** A live item; {@code fullRow} says the units are all the item has. Arrays are taken as is. */
    public static ItemChange live(ItemId id, Version creation, boolean fullRow, int[] units, Version[] versions,
            @Nullable Object[] values) {
        return new ItemChange(id, creation, null, fullRow, units, versions, values);
    }

    public ItemId itemId() {
        return itemId;
    }

    public Version creationVersion() {
        return creation;
    }

    public @Nullable Version deletionVersion() {
        return deletion;
    }

    public boolean isTombstone() {
        return deletion != null;
    }

    public boolean isFullRow() {
        return fullRow;
    }

    public int unitCount() {
        return units.length;
    }

    public int unit(int i) {
        return units[i];
    }

    public Version version(int i) {
        return versions[i];
    }

    public @Nullable Object value(int i) {
        return values[i];
    }

    /** The index of {@code unit} among the carried units, or -1. */
    public int indexOf(int unit) {
        int i = Arrays.binarySearch(units, unit);
        return i >= 0 ? i : -1;
    }

    /** The same change with versions translated by {@code keyMap} (source key to destination key). */
    public ItemChange translate(int[] keyMap) {
        Version[] v = new Version[versions.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Version.of(keyMap[versions[i].replicaKey()], versions[i].tick());
        }
        return new ItemChange(itemId, Version.of(keyMap[creation.replicaKey()], creation.tick()),
                deletion == null ? null : Version.of(keyMap[deletion.replicaKey()], deletion.tick()), fullRow, units, v, values);
    }

    @Override
    public String toString() {
        return isTombstone() ? "delete " + itemId + " @" + deletion
                : "upsert " + itemId + " cv=" + creation + (fullRow ? " full" : "") + " units=" + Arrays.toString(units)
                        + " versions=" + Arrays.toString(versions);
    }
}
