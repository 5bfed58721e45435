package dev.syncwright.core.simple;

import dev.syncwright.core.SyncException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A custom field of a simple provider's metadata: an integer id and the Java type of its values.
 * Fields either identify an item (an {@link IdentityRule}) or version it (a
 * {@link ChangeUnitVersionDefinition}); the item store reports both for every item.
 *
 * <p>The types are a closed set because every {@link dev.syncwright.core.spi.MetadataStore} has to
 * persist and index these values, and the identity fields are encoded into the item id (see
 * {@link ItemMetadataSchema}): {@code Boolean}, {@code Integer}, {@code Long}, {@code String},
 * {@code UUID} and {@code byte[]}. A timestamp is stored as a {@code Long} (epoch millis or nanos).
 */
public record CustomFieldDefinition(int id, Class<?> type) {
    static final Set<Class<?>> TYPES = Set.of(Boolean.class, Integer.class, Long.class, String.class, UUID.class, byte[].class);

    public CustomFieldDefinition {
        Objects.requireNonNull(type, "type");
        if (id < 0) {
            throw new SyncException("Custom field id " + id + " is negative; field ids must be 0 or greater");
        }
        if (type.isPrimitive()) {
            type = switch (type.getName()) {
                case "boolean" -> Boolean.class;
                case "int" -> Integer.class;
                case "long" -> Long.class;
                default -> type;
            };
        }
        if (!TYPES.contains(type)) {
            throw new SyncException("Custom field " + id + " has type " + type.getName()
                    + ", which simple providers cannot store; use Boolean, Integer, Long, String, UUID or byte[]");
        }
    }

    public static CustomFieldDefinition of(int id, Class<?> type) {
        return new CustomFieldDefinition(id, type);
    }
}
