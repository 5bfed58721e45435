package dev.syncwright.feeds.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.core.simple.ChangeUnitVersionDefinition;
import dev.syncwright.core.simple.CustomFieldDefinition;
import dev.syncwright.core.simple.FullEnumerationStore;
import dev.syncwright.core.simple.IdentityRule;
import dev.syncwright.core.simple.ItemFields;
import dev.syncwright.core.simple.ItemMetadataSchema;
import dev.syncwright.feeds.Feed;
import dev.syncwright.feeds.FeedItem;
import dev.syncwright.feeds.FeedValue;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A feed as a full-enumeration simple store (ADR 051): an item is a feed item (identity: its
 * {@code sx:sync id}; deleted items are absent), its change units are its typed values, each
 * versioned by a hash of its text. A feed-level change (a merge of an incoming feed, another
 * endpoint's update) is found by the next scan like any local edit, gets a version, and travels in
 * normal sessions; a session's write is a FeedSync update by this endpoint (updates + 1, a new
 * sx:history on top), so feed readers and other FeedSync endpoints see it as one.
 */
public final class FeedStore implements FullEnumerationStore {
    public static final int ID = 1;
    static final int FIRST_HASH = 10;

    private final String endpoint;
    private final int units;
    private final Clock clock;
    private final ItemMetadataSchema schema;
    private Feed feed;
    private final TreeMap<String, FeedItem> items = new TreeMap<>();
    private boolean dirty;

    public FeedStore(Feed feed, String endpoint, int units, Clock clock) {
        this.endpoint = endpoint;
        this.units = units;
        this.clock = clock;
        this.schema = schema(units);
        replace(feed);
    }

    public static ItemMetadataSchema schema(int units) {
        List<CustomFieldDefinition> fields = new ArrayList<>();
        fields.add(CustomFieldDefinition.of(ID, byte[].class));
        List<ChangeUnitVersionDefinition> defs = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            fields.add(CustomFieldDefinition.of(FIRST_HASH + u, Long.class));
            defs.add(ChangeUnitVersionDefinition.of(u, FIRST_HASH + u));
        }
        return new ItemMetadataSchema(fields, IdentityRule.of(ID), defs);
    }

    public ItemMetadataSchema schema() {
        return schema;
    }

    public Feed feed() {
        return feed.withItems(new ArrayList<>(items.values()));
    }

    /** Replaces the feed (after a merge); the next scan finds what changed. */
    public void replace(Feed f) {
        feed = f;
        items.clear();
        f.items().forEach(i -> items.put(i.id(), i));
        dirty = true;
    }

    /** True once after any change not yet saved. */
    public boolean takeDirty() {
        boolean d = dirty;
        dirty = false;
        return d;
    }

    // ---- ids: an item id is the sx:sync id's UTF-8, or base64 after "b64:" when it is not text ----

    static String feedId(byte[] id) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(id)).toString();
            if (!s.isEmpty() && !s.startsWith("b64:") && s.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
                return s;
            }
        } catch (CharacterCodingException e) {
            // binary: below
        }
        return "b64:" + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    static byte[] itemId(String feedId) {
        return feedId.startsWith("b64:") ? Base64.getUrlDecoder().decode(feedId.substring(4)) : feedId.getBytes(StandardCharsets.UTF_8);
    }

    // ---- the store ----

    private List<FeedValue> values(FeedItem i) {
        List<FeedValue> v = new ArrayList<>(i.values().isEmpty() ? List.of(new FeedValue("string", i.title()), new FeedValue("string", i.body()))
                : i.values());
        while (v.size() < units) {
            v.add(FeedValue.NULL);
        }
        return v.subList(0, units);
    }

    private ItemFields fields(FeedItem i) {
        ItemFields f = ItemFields.of(ID, itemId(i.id()));
        List<FeedValue> v = values(i);
        for (int u = 0; u < units; u++) {
            f = f.with(FIRST_HASH + u, hash(v.get(u)));
        }
        return f;
    }

    private static long hash(FeedValue v) {
        long h = 1125899906842597L;
        for (String s : new String[] {v.type(), "\u0000", v.text()}) {
            for (int k = 0; k < s.length(); k++) {
                h = 31 * h + s.charAt(k);
            }
        }
        return h;
    }

    @Override
    public void listItems(Consumer<ItemFields> sink) {
        for (FeedItem i : items.values()) {
            if (!i.deleted()) {
                sink.accept(fields(i));
            }
        }
    }

    @Override
    public Object[] load(ItemFields identity) {
        FeedItem i = items.get(feedId((byte[]) identity.get(ID)));
        if (i == null || i.deleted()) {
            return null;
        }
        return values(i).stream().map(Values::decode).toArray();
    }

    @Override
    public ItemFields insert(ItemFields identity, Object[] values) {
        String id = feedId((byte[]) identity.get(ID));
        FeedItem old = items.get(id);
        if (old != null && !old.deleted()) {
            throw new SyncException("Feed item " + id + " appeared since the last detection pass");
        }
        List<FeedValue> v = encode(values);
        FeedItem i = old == null ? FeedItem.create(id, endpoint, clock.instant(), title(v), body(v), v)
                : old.update(endpoint, clock.instant(), title(v), body(v), v);
        return put(i);
    }

    @Override
    public ItemFields update(ItemFields expected, int[] changed, Object[] values) {
        String id = feedId((byte[]) expected.get(ID));
        FeedItem old = items.get(id);
        if (old == null || old.deleted()) {
            throw new SyncException("Feed item " + id + " was deleted since the last detection pass");
        }
        List<FeedValue> v = new ArrayList<>(values(old));
        for (int k = 0; k < changed.length; k++) {
            v.set(changed[k], Values.encode(values[k]));
        }
        return put(old.update(endpoint, clock.instant(), title(v), body(v), v));
    }

    @Override
    public void delete(ItemFields expected) {
        String id = feedId((byte[]) expected.get(ID));
        FeedItem old = items.get(id);
        if (old != null && !old.deleted()) {
            items.put(id, old.delete(endpoint, clock.instant()));
            dirty = true;
        }
    }

    private ItemFields put(FeedItem i) {
        items.put(i.id(), i);
        dirty = true;
        return fields(i);
    }

    private static List<FeedValue> encode(Object[] values) {
        List<FeedValue> v = new ArrayList<>();
        for (Object o : values) {
            v.add(Values.encode(o));
        }
        return v;
    }

    /** What a feed reader shows: the first unit as the title, the second as the text. */
    private static String title(List<FeedValue> v) {
        return v.isEmpty() ? "" : v.get(0).text();
    }

    private static String body(List<FeedValue> v) {
        return v.size() < 2 ? "" : v.get(1).text();
    }
}
