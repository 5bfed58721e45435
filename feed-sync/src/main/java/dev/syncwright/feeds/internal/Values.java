package dev.syncwright.feeds.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.feeds.FeedValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

/**
 * Change-unit values as typed text in a feed, so that what a replica publishes comes back as the
 * same Java type and an equal value: the types database rows and simple stores use.
 */
public final class Values {
    private static final java.util.Map<Class<?>, String> TYPES = java.util.Map.ofEntries(java.util.Map.entry(String.class, "string"),
            java.util.Map.entry(Long.class, "long"), java.util.Map.entry(Integer.class, "int"), java.util.Map.entry(Short.class, "short"),
            java.util.Map.entry(Byte.class, "byte"), java.util.Map.entry(Boolean.class, "boolean"), java.util.Map.entry(Double.class, "double"),
            java.util.Map.entry(Float.class, "float"), java.util.Map.entry(BigDecimal.class, "decimal"),
            java.util.Map.entry(BigInteger.class, "integer"), java.util.Map.entry(byte[].class, "bytes"), java.util.Map.entry(UUID.class, "uuid"),
            java.util.Map.entry(LocalDate.class, "date"), java.util.Map.entry(LocalTime.class, "time"),
            java.util.Map.entry(LocalDateTime.class, "datetime"), java.util.Map.entry(OffsetDateTime.class, "offsetdatetime"),
            java.util.Map.entry(Instant.class, "instant"));

    private Values() {}

    public static FeedValue encode(Object v) {
        if (v == null) {
            return FeedValue.NULL;
        }
        String type = TYPES.get(v.getClass());
        if (type == null) {
            throw new SyncException("A value of type " + v.getClass().getName() + " cannot be published in a feed");
        }
        return new FeedValue(type, v instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : v.toString());
    }

    public static Object decode(FeedValue v) {
        String t = v.text();
        try {
            return switch (v.type()) {
                case "null" -> null;
                case "string" -> t;
                case "long" -> Long.valueOf(t);
                case "int" -> Integer.valueOf(t);
                case "short" -> Short.valueOf(t);
                case "byte" -> Byte.valueOf(t);
                case "boolean" -> Boolean.valueOf(t);
                case "double" -> Double.valueOf(t);
                case "float" -> Float.valueOf(t);
                case "decimal" -> new BigDecimal(t);
                case "integer" -> new BigInteger(t);
                case "bytes" -> Base64.getDecoder().decode(t);
                case "uuid" -> UUID.fromString(t);
                case "date" -> LocalDate.parse(t);
                case "time" -> LocalTime.parse(t);
                case "datetime" -> LocalDateTime.parse(t);
                case "offsetdatetime" -> OffsetDateTime.parse(t);
                case "instant" -> Instant.parse(t);
                default -> throw new SyncException("Unknown sw:unit type '" + v.type() + "' in the feed");
            };
        } catch (RuntimeException e) {
            if (e instanceof SyncException s) {
                throw s;
            }
            throw new SyncException("sw:unit of type " + v.type() + " has a value that is not one: " + t, e);
        }
    }
}
