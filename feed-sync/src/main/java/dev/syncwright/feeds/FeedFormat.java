package dev.syncwright.feeds;

/** The two feed formats FeedSync extends. */
public enum FeedFormat {
    /** RSS 2.0: {@code <rss><channel><item>}, item data in {@code title} and {@code description}. */
    RSS,
    /** Atom 1.0: {@code <feed><entry>}, item data in {@code title} and {@code content}. */
    ATOM
}
