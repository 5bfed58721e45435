package dev.syncwright.jdbc.metadata;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.spi.ItemMetadata;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Items streamed in id order, one bounded page at a time. Each page is its own short query that
 * continues after the last id of the previous one (keyset paging), so no cursor stays open between
 * pages: nothing holds locks or a pooled connection while the caller is busy elsewhere, an
 * abandoned iterator leaks nothing, and a page read inside a transaction sees that transaction's
 * writes. Memory is one page.
 */
final class Pages implements Iterator<ItemMetadata> {
    /** One page: its items, the id the next page starts after, and whether it is the last. */
    record Page(List<ItemMetadata> items, ItemId resumeAfter, boolean last) {
        /** A page of a keyset query with limit {@code limit}: a short page is the last. */
        static Page of(List<ItemMetadata> items, int limit) {
            return new Page(items, items.isEmpty() ? null : items.get(items.size() - 1).itemId(), items.size() < limit);
        }
    }

    /** The page after an id (null = the first page). */
    private final Function<ItemId, Page> fetch;
    private Page page;
    private int next;

    Pages(Function<ItemId, Page> fetch) {
        this.fetch = fetch;
        // the first page now, so errors surface at the call and the start is a snapshot, as in memory
        this.page = fetch.apply(null);
    }

    @Override
    public boolean hasNext() {
        while (next >= page.items().size()) {
            if (page.last()) {
                return false;
            }
            page = fetch.apply(page.resumeAfter());
            next = 0;
        }
        return true;
    }

    @Override
    public ItemMetadata next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.items().get(next++);
    }
}
