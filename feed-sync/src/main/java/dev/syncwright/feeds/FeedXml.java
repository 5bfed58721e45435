package dev.syncwright.feeds;

import dev.syncwright.feeds.internal.FeedParser;
import dev.syncwright.feeds.internal.FeedPrinter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes FeedSync feeds (RSS 2.0 or Atom 1.0 with the {@code sx:} elements of
 * {@value #SX}) with the JDK's StAX. Input is untrusted: a document type declaration (and with it
 * every external entity and entity expansion) is refused, as are malformed XML, documents over
 * {@link Limits#maxBytes()}, more than {@link Limits#maxItems()} items, nesting deeper than
 * {@link Limits#maxDepth()} and text longer than {@link Limits#maxTextChars()}; each with a
 * {@link FeedFormatException} that says which.
 */
public final class FeedXml {
    /** The FeedSync namespace. */
    public static final String SX = "http://feedsync.org/2007/feedsync";
    /** Syncwright's namespace for typed change-unit values ({@code sw:values}). */
    public static final String SW = "https://syncwright.dev/2026/feed";
    public static final String ATOM = "http://www.w3.org/2005/Atom";

    /** Bounds on what a feed may cost to read. */
    public record Limits(long maxBytes, int maxItems, int maxDepth, int maxTextChars) {
        public static final Limits DEFAULT = new Limits(64L << 20, 200_000, 64, 8 << 20);
    }

    private FeedXml() {}

    public static Feed read(InputStream in) {
        return read(in, Limits.DEFAULT);
    }

    public static Feed read(InputStream in, Limits limits) {
        return new FeedParser(limits).parse(in);
    }

    public static Feed read(String xml) {
        return read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the feed as UTF-8, items in id order, so the same feed always gives the same bytes. */
    public static void write(Feed feed, OutputStream out) {
        FeedPrinter.print(feed, out);
    }

    public static String toString(Feed feed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(feed, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
