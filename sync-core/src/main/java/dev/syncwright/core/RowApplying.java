package dev.syncwright.core;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One row a destination is about to write, as {@link SyncInterceptor#rowApplying} sees it: its item
 * id, whether it is a deletion, and for a live row the values it carries, by change unit (a database
 * provider maps change units to columns: {@code JdbcSyncProvider.changeUnit(table, column)}).
 *
 * <ul>
 *   <li>{@link #skip}: the row is not written now. The destination does not learn the change, so
 *       the next sync offers it again (like a deferred conflict).</li>
 *   <li>{@link #set}: the row is written with another value for a unit. The destination gives that
 *       unit a new version of its own, so the value it stored travels back to the source and on to
 *       every replica, as any local edit would: replicas converge to what the hook wrote.</li>
 * </ul>
 * Values are the canonical Java types the provider uses (for JDBC: Long, BigDecimal, String,
 * Double, Float, Boolean, byte[], UUID, LocalDate, LocalTime, LocalDateTime, OffsetDateTime).
 */
public final class RowApplying {
    private final ItemId itemId;
    private final boolean delete;
    private final int[] units;
    private final @Nullable Object[] values;
    private final boolean[] changed;
    private boolean skipped;

    /** For providers and the runtime: a row of {@code units} with {@code values} (aligned), or a deletion. */
    public RowApplying(ItemId itemId, boolean delete, int[] units, @Nullable Object[] values) {
        this.itemId = Objects.requireNonNull(itemId, "itemId");
        this.delete = delete;
        this.units = units.clone();
        this.values = values.clone();
        this.changed = new boolean[units.length];
    }

    public ItemId itemId() {
        return itemId;
    }

    public boolean isDelete() {
        return delete;
    }

    /** The change units whose values this write carries (every unit for a new row, the changed ones for an update). */
    public int[] changeUnits() {
        return units.clone();
    }

    /** Whether the write carries a value for {@code changeUnit}. */
    public boolean writes(int changeUnit) {
        return indexOf(changeUnit) >= 0;
    }

    /** The value to be written for {@code changeUnit} (null: SQL NULL). */
    public @Nullable Object value(int changeUnit) {
        int i = indexOf(changeUnit);
        if (i < 0) {
            throw new SyncException("Row " + itemId + ": this write carries no value for change unit " + changeUnit
                    + " (it carries " + Arrays.toString(units) + ")");
        }
        return values[i];
    }

    /** Writes {@code value} for a unit the write carries, instead of the incoming one. */
    public void set(int changeUnit, @Nullable Object value) {
        if (delete) {
            throw new SyncException("Row " + itemId + " is being deleted: it has no values to set; skip() holds the deletion back");
        }
        int i = indexOf(changeUnit);
        if (i < 0) {
            throw new SyncException("Row " + itemId + ": this write carries no value for change unit " + changeUnit
                    + " (it carries " + Arrays.toString(units) + "); only those can be set");
        }
        values[i] = value;
        changed[i] = true;
    }

    /** Holds the row back: not written now, offered again by the next sync. */
    public void skip() {
        skipped = true;
    }

    public boolean skipped() {
        return skipped;
    }

    /** The values after the hooks, aligned with {@link #changeUnits()}. */
    public @Nullable Object[] values() {
        return values.clone();
    }

    /** Whether a hook set the value at position {@code i} of {@link #changeUnits()}. */
    public boolean changedAt(int i) {
        return changed[i];
    }

    private int indexOf(int unit) {
        for (int i = 0; i < units.length; i++) {
            if (units[i] == unit) {
                return i;
            }
        }
        return -1;
    }
}
