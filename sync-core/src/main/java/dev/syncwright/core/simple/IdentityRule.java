package dev.syncwright.core.simple;

import dev.syncwright.core.SyncException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which custom fields, in this order, identify an item. The order matters: the item id is the
 * encoding of these fields' values in this order, so items enumerate in this order too.
 */
public record IdentityRule(List<Integer> fieldIds) {
    public IdentityRule {
        fieldIds = List.copyOf(fieldIds);
        if (fieldIds.isEmpty()) {
            throw new SyncException("An identity rule needs at least one custom field: an item must be identified by something");
        }
        if (new HashSet<>(fieldIds).size() != fieldIds.size()) {
            throw new SyncException("Identity rule " + fieldIds + " names a custom field twice");
        }
    }

    public static IdentityRule of(int... fieldIds) {
        return new IdentityRule(Arrays.stream(fieldIds).boxed().collect(Collectors.toList()));
    }
}
