package dev.syncwright.feeds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A feed: its format, title and link, and its items (kept in id order, so a published feed is stable). */
public record Feed(FeedFormat format, String title, String link, List<FeedItem> items) {
    public Feed {
        Objects.requireNonNull(format, "format");
        title = title == null ? "" : title;
        link = link == null ? "" : link;
        List<FeedItem> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(FeedItem::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
                throw new dev.syncwright.core.SyncException("The feed has two items with sx:sync id " + sorted.get(i).id());
            }
        }
        items = List.copyOf(sorted);
    }

    public Optional<FeedItem> item(String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    public Feed withItems(List<FeedItem> newItems) {
        return new Feed(format, title, link, newItems);
    }
}
