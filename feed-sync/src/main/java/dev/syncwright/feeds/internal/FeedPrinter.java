package dev.syncwright.feeds.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.feeds.Feed;
import dev.syncwright.feeds.FeedFormat;
import dev.syncwright.feeds.FeedHistory;
import dev.syncwright.feeds.FeedItem;
import dev.syncwright.feeds.FeedValue;
import dev.syncwright.feeds.FeedXml;
import java.io.OutputStream;
import java.time.Instant;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a feed in the FeedSync layout: {@code sx:sync} (with {@code sx:history}, most recent first,
 * and {@code sx:conflicts} holding whole items) as the first child of each item, then the item's
 * data, then {@code sw:values}. Indented, items in id order, nothing that depends on the clock: the
 * same feed gives the same bytes.
 */
public final class FeedPrinter {
    private final XMLStreamWriter w;
    private final FeedFormat format;
    private int depth;

    private FeedPrinter(XMLStreamWriter w, FeedFormat format) {
        this.w = w;
        this.format = format;
    }

    public static void print(Feed feed, OutputStream out) {
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            new FeedPrinter(w, feed.format()).feed(feed);
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new SyncException("Cannot write the feed: " + e.getMessage(), e);
        }
    }

    private void feed(Feed feed) throws XMLStreamException {
        w.writeStartDocument("UTF-8", "1.0");
        if (format == FeedFormat.RSS) {
            open("rss");
            w.writeAttribute("version", "2.0");
            w.writeNamespace("sx", FeedXml.SX);
            w.writeNamespace("sw", FeedXml.SW);
            open("channel");
            leaf("title", feed.title());
            leaf("link", feed.link());
            leaf("description", "FeedSync feed: " + feed.title());
        } else {
            w.writeCharacters("\n");
            w.writeStartElement("", "feed", FeedXml.ATOM);
            w.writeDefaultNamespace(FeedXml.ATOM);
            w.writeNamespace("sx", FeedXml.SX);
            w.writeNamespace("sw", FeedXml.SW);
            depth++;
            leaf("title", feed.title());
            indent();
            w.writeEmptyElement(FeedXml.ATOM, "link");
            w.writeAttribute("href", feed.link());
            leaf("id", "urn:feedsync:" + feed.title());
            leaf("updated", latest(feed).toString());
        }
        for (FeedItem item : feed.items()) {
            item(item);
        }
        if (format == FeedFormat.RSS) {
            close();
        }
        close();
        w.writeCharacters("\n");
        w.writeEndDocument();
    }

    private void item(FeedItem item) throws XMLStreamException {
        open(format == FeedFormat.RSS ? "item" : "entry");
        indent();
        w.writeStartElement("sx", "sync", FeedXml.SX);
        depth++;
        w.writeAttribute("id", item.id());
        w.writeAttribute("updates", Long.toString(item.updates()));
        w.writeAttribute("deleted", Boolean.toString(item.deleted()));
        w.writeAttribute("noconflicts", Boolean.toString(item.noConflicts()));
        for (FeedHistory h : item.history()) {
            indent();
            w.writeEmptyElement("sx", "history", FeedXml.SX);
            w.writeAttribute("sequence", Long.toString(h.sequence()));
            if (h.when() != null) {
                w.writeAttribute("when", h.when().toString());
            }
            if (h.by() != null) {
                w.writeAttribute("by", h.by());
            }
        }
        if (!item.conflicts().isEmpty()) {
            indent();
            w.writeStartElement("sx", "conflicts", FeedXml.SX);
            depth++;
            for (FeedItem c : item.conflicts()) {
                item(c);
            }
            close();
        }
        close();
        if (format == FeedFormat.RSS) {
            leaf("title", item.title());
            leaf("description", item.body());
        } else {
            leaf("id", "urn:feedsync:" + item.id());
            leaf("title", item.title());
            leaf("updated", (item.topmost().when() == null ? Instant.EPOCH : item.topmost().when()).toString());
            indent();
            w.writeStartElement(FeedXml.ATOM, "content");
            w.writeAttribute("type", "text");
            w.writeCharacters(item.body());
            w.writeEndElement();
        }
        if (!item.values().isEmpty()) {
            indent();
            w.writeStartElement("sw", "values", FeedXml.SW);
            depth++;
            for (FeedValue v : item.values()) {
                indent();
                w.writeStartElement("sw", "unit", FeedXml.SW);
                w.writeAttribute("type", v.type());
                w.writeCharacters(v.text());
                w.writeEndElement();
            }
            close();
        }
        close();
    }

    private static Instant latest(Feed feed) {
        Instant t = Instant.EPOCH;
        for (FeedItem i : feed.items()) {
            Instant w = i.topmost().when();
            if (w != null && w.isAfter(t)) {
                t = w;
            }
        }
        return t;
    }

    private void open(String name) throws XMLStreamException {
        indent();
        if (format == FeedFormat.ATOM) {
            w.writeStartElement(FeedXml.ATOM, name);
        } else {
            w.writeStartElement(name);
        }
        depth++;
    }

    private void close() throws XMLStreamException {
        depth--;
        indent();
        w.writeEndElement();
    }

    private void leaf(String name, String text) throws XMLStreamException {
        indent();
        if (format == FeedFormat.ATOM) {
            w.writeStartElement(FeedXml.ATOM, name);
        } else {
            w.writeStartElement(name);
        }
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private void indent() throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }
}
