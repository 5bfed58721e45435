package dev.syncwright.feeds;

import java.util.Objects;

/**
 * One change unit's value as a feed carries it ({@code <sw:unit type="..">text</sw:unit>}, in
 * Syncwright's own namespace next to the FeedSync elements): a type tag and the value as text, so
 * values of any replica (a database row's columns, an in-memory store's) survive the trip exactly.
 * Null is type {@code null}.
 */
public record FeedValue(String type, String text) {
    public FeedValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
    }

    public static final FeedValue NULL = new FeedValue("null", "");
}
