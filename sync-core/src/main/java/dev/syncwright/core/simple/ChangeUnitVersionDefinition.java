package dev.syncwright.core.simple;

import dev.syncwright.core.SyncException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Change unit {@code changeUnit} of an item is versioned by the custom fields {@code fieldIds}: when
 * any of their values changes, the unit gets a new version, and only that unit. The fields need not
 * hold the unit's data; a hash or a timestamp of it is the usual choice. Change units are numbered
 * 0..n-1, as the item data (one value per unit) is indexed.
 */
public record ChangeUnitVersionDefinition(int changeUnit, List<Integer> fieldIds) {
    public ChangeUnitVersionDefinition {
        fieldIds = List.copyOf(fieldIds);
        if (changeUnit < 0) {
            throw new SyncException("Change unit " + changeUnit + " is negative; change units are numbered from 0");
        }
        if (fieldIds.isEmpty()) {
            throw new SyncException("Change unit " + changeUnit + " has no version field; without one its changes cannot be detected");
        }
        if (new HashSet<>(fieldIds).size() != fieldIds.size()) {
            throw new SyncException("Change unit " + changeUnit + " names a version field twice: " + fieldIds);
        }
    }

    public static ChangeUnitVersionDefinition of(int changeUnit, int... fieldIds) {
        return new ChangeUnitVersionDefinition(changeUnit, Arrays.stream(fieldIds).boxed().collect(Collectors.toList()));
    }
}
