package dev.syncwright.core.spi;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.Version;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the applier tells a provider to write for one item, versions in the destination's key space.
 * <ul>
 *   <li>{@code UPSERT}: the item is live; {@code creation} and {@code unitVersions} are its complete
 *   new metadata (a null unit version means "the creation version"). When {@code replaceRow}, the
 *   values are the complete row (insert it, or overwrite it); otherwise only {@code valueUnits}
 *   change value (possibly none: a write of versions only).</li>
 *   <li>{@code DELETE}: the item becomes a tombstone with {@code deletion}.</li>
 *   <li>{@code FORGET}: the item and its metadata are removed without a tombstone (the source deleted
 *   it and forgot the tombstone; the destination's forgotten knowledge will cover it).</li>
 * </ul>
 * Every written item gets a fresh local tick, so it is enumerated onward to other replicas.
 */
public record ItemWrite(Kind kind, ItemId itemId, @Nullable Version creation, @Nullable Version deletion,
        @Nullable Version[] unitVersions, boolean replaceRow, int[] valueUnits, @Nullable Object[] values) {

    public enum Kind { UPSERT, DELETE, FORGET }

    public ItemWrite {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(itemId, "itemId");
        unitVersions = unitVersions == null ? new Version[0] : unitVersions;
        valueUnits = valueUnits == null ? new int[0] : valueUnits;
        values = values == null ? new Object[0] : values;
    }

    public static ItemWrite upsert(ItemId id, Version creation, Version[] unitVersions, boolean replaceRow,
            int[] valueUnits, Object[] values) {
        return new ItemWrite(Kind.UPSERT, id, Objects.requireNonNull(creation, "creation"), null, unitVersions, replaceRow, valueUnits, values);
    }

    public static ItemWrite delete(ItemId id, Version creation, Version deletion) {
        return new ItemWrite(Kind.DELETE, id, creation, Objects.requireNonNull(deletion, "deletion"), null, false, null, null);
    }

    public static ItemWrite forget(ItemId id) {
        return new ItemWrite(Kind.FORGET, id, null, null, null, false, null, null);
    }

    /** The metadata this write leaves behind (tick supplied by the provider). Null for FORGET. */
    public @Nullable ItemMetadata toMetadata(long localTick) {
        return switch (kind) {
            case UPSERT -> ItemMetadata.live(itemId, creation, unitVersions, localTick);
            case DELETE -> ItemMetadata.tombstone(itemId, creation, deletion, localTick);
            case FORGET -> null;
        };
    }

    @Override
    public String toString() {
        return kind + " " + itemId + (creation != null ? " cv=" + creation : "") + (deletion != null ? " dv=" + deletion : "")
                + (kind == Kind.UPSERT ? " units=" + Arrays.toString(unitVersions) + (replaceRow ? " row" : " values" + Arrays.toString(valueUnits)) : "");
    }
}
