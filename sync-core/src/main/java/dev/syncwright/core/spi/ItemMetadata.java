package dev.syncwright.core.spi;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.Version;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a replica records about one item: the creation version of its current incarnation, the
 * delete version when it is a tombstone, one version per change unit (a {@code null} entry means
 * "the creation version", as a row that was inserted and never updated), the local tick of its last
 * change at this replica (the enumeration key), and custom fields (simple providers).
 */
public final class ItemMetadata {
    private final ItemId itemId;
    private final Version creation;
    private final Version deletion;
    private final Version[] units;
    private final long localTick;
    private final Map<Integer, Object> customFields;

    public ItemMetadata(ItemId itemId, Version creation, @Nullable Version deletion, @Nullable Version @Nullable [] unitVersions,
            long localTick, @Nullable Map<Integer, Object> customFields) {
        this.itemId = Objects.requireNonNull(itemId, "itemId");
        this.creation = Objects.requireNonNull(creation, "creation");
        this.deletion = deletion;
        this.units = unitVersions == null ? new Version[0] : unitVersions.clone();
        this.localTick = localTick;
        this.customFields = customFields == null || customFields.isEmpty() ? Map.of() : Collections.unmodifiableMap(customFields);
    }

    public static ItemMetadata live(ItemId id, Version creation, Version[] unitVersions, long localTick) {
        return new ItemMetadata(id, creation, null, unitVersions, localTick, null);
    }

    public static ItemMetadata tombstone(ItemId id, Version creation, Version deletion, long localTick) {
        return new ItemMetadata(id, creation, Objects.requireNonNull(deletion, "deletion"), null, localTick, null);
    }

    public ItemId itemId() {
        return itemId;
    }

    public Version creationVersion() {
        return creation;
    }

    /** The delete version, or null for a live item. */
    public @Nullable Version deletionVersion() {
        return deletion;
    }

    public boolean isTombstone() {
        return deletion != null;
    }

    public int changeUnitCount() {
        return units.length;
    }

    /** The version of change unit {@code unit}: its own, or the creation version when it has none. */
    public Version unitVersion(int unit) {
        Version v = unit < units.length ? units[unit] : null;
        return v != null ? v : creation;
    }

    /** The raw per-unit array (null entries mean "creation version"); a copy. */
    public @Nullable Version[] unitVersions() {
        return units.clone();
    }

    public long localTick() {
        return localTick;
    }

    public Map<Integer, Object> customFields() {
        return customFields;
    }

    public ItemMetadata withLocalTick(long tick) {
        return new ItemMetadata(itemId, creation, deletion, units, tick, customFields);
    }

    public ItemMetadata withCustomFields(Map<Integer, Object> fields) {
        return new ItemMetadata(itemId, creation, deletion, units, localTick, fields);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemMetadata m && m.itemId.equals(itemId) && m.creation.equals(creation)
                && Objects.equals(m.deletion, deletion) && Arrays.equals(m.units, units) && m.localTick == localTick
                && m.customFields.equals(customFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(itemId, creation, deletion, localTick);
    }

    @Override
    public String toString() {
        return "ItemMetadata{" + itemId + " cv=" + creation + (deletion != null ? " dv=" + deletion : "")
                + " units=" + Arrays.toString(units) + " tick=" + localTick + "}";
    }
}
