package dev.syncwright.feeds.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.feeds.Feed;
import dev.syncwright.feeds.FeedFormat;
import dev.syncwright.feeds.FeedFormatException;
import dev.syncwright.feeds.FeedHistory;
import dev.syncwright.feeds.FeedItem;
import dev.syncwright.feeds.FeedValue;
import dev.syncwright.feeds.FeedXml;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a FeedSync feed with StAX, refusing what a hostile feed could use: no DTD (so no external
 * entity and no entity expansion can even be declared), bounded bytes, items, depth and text.
 * Elements it does not know are skipped.
 */
public final class FeedParser {
    private final FeedXml.Limits limits;
    private XMLStreamReader r;
    private int items;

    public FeedParser(FeedXml.Limits limits) {
        this.limits = limits;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException e) {
            // a StAX implementation without the JAXP 1.5 property: the DTD is refused anyway
        }
        return f;
    }

    public Feed parse(InputStream in) {
        try {
            r = factory().createXMLStreamReader(new Bounded(in, limits.maxBytes()));
            try {
                return document();
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BoundedException) {
                    throw new FeedFormatException("The feed is larger than " + limits.maxBytes() + " bytes; refused", e);
                }
            }
            throw new FeedFormatException("Malformed feed XML: " + e.getMessage(), e);
        } catch (BoundedException e) {
            throw new FeedFormatException("The feed is larger than " + limits.maxBytes() + " bytes; refused", e);
        }
    }

    private Feed document() throws XMLStreamException {
        next(); // to the root element
        if (r.getLocalName().equals("rss") && r.getNamespaceURI() == null) {
            while (nextChild()) {
                if (r.getLocalName().equals("channel")) {
                    return channel(FeedFormat.RSS, "item");
                }
                skip();
            }
            throw new FeedFormatException("An RSS feed without a channel");
        }
        if (r.getLocalName().equals("feed") && FeedXml.ATOM.equals(r.getNamespaceURI())) {
            return channel(FeedFormat.ATOM, "entry");
        }
        throw new FeedFormatException("Not an RSS 2.0 or Atom 1.0 feed: the root element is " + r.getName());
    }

    private Feed channel(FeedFormat format, String itemName) throws XMLStreamException {
        String title = "";
        String link = "";
        List<FeedItem> list = new ArrayList<>();
        while (nextChild()) {
            String n = r.getLocalName();
            if (n.equals("title") && !isNs(FeedXml.SX)) {
                title = text();
            } else if (n.equals("link") && format == FeedFormat.ATOM) {
                link = attr("href", "");
                skip();
            } else if (n.equals("link")) {
                link = text();
            } else if (n.equals(itemName)) {
                FeedItem item = item(itemName);
                if (item != null) {
                    list.add(item);
                }
            } else {
                skip();
            }
        }
        try {
            return new Feed(format, title, link, list);
        } catch (SyncException e) {
            throw new FeedFormatException(e.getMessage(), e);
        }
    }

    /** An item or entry; null when it carries no sx:sync (not a FeedSync item: ignored, as the spec allows). */
    private FeedItem item(String itemName) throws XMLStreamException {
        if (++items > limits.maxItems()) {
            throw new FeedFormatException("The feed has more than " + limits.maxItems() + " items; refused");
        }
        String title = "";
        String body = "";
        List<FeedValue> values = new ArrayList<>();
        Object[] sync = null;
        while (nextChild()) {
            String n = r.getLocalName();
            if (isNs(FeedXml.SX) && n.equals("sync")) {
                sync = sync(itemName);
            } else if (isNs(FeedXml.SW) && n.equals("values")) {
                while (nextChild()) {
                    if (isNs(FeedXml.SW) && r.getLocalName().equals("unit")) {
                        String type = attr("type", "string");
                        values.add(new FeedValue(type, text()));
                    } else {
                        skip();
                    }
                }
            } else if (n.equals("title") && r.getNamespaceURI() == null || n.equals("title") && isNs(FeedXml.ATOM)) {
                title = text();
            } else if ((n.equals("description") || n.equals("content")) && !isNs(FeedXml.SX)) {
                body = text();
            } else {
                skip();
            }
        }
        if (sync == null) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            List<FeedHistory> history = (List<FeedHistory>) sync[4];
            @SuppressWarnings("unchecked")
            List<FeedItem> conflicts = (List<FeedItem>) sync[5];
            return new FeedItem((String) sync[0], (Long) sync[1], (Boolean) sync[2], (Boolean) sync[3], history, title, body, values, conflicts);
        } catch (SyncException e) {
            throw new FeedFormatException(e.getMessage(), e);
        }
    }

    private Object[] sync(String itemName) throws XMLStreamException {
        String id = attr("id", null);
        if (id == null) {
            throw new FeedFormatException("sx:sync without an id" + at());
        }
        long updates = number(attr("updates", null), "updates");
        boolean deleted = bool(attr("deleted", "false"));
        boolean noConflicts = bool(attr("noconflicts", "false"));
        List<FeedHistory> history = new ArrayList<>();
        List<FeedItem> conflicts = new ArrayList<>();
        while (nextChild()) {
            String n = r.getLocalName();
            if (isNs(FeedXml.SX) && n.equals("history")) {
                long seq = number(attr("sequence", null), "sequence");
                String when = attr("when", null);
                String by = attr("by", null);
                skip();
                try {
                    history.add(new FeedHistory(seq, when == null ? null : instant(when), by));
                } catch (SyncException e) {
                    throw new FeedFormatException(e.getMessage() + at(), e);
                }
            } else if (isNs(FeedXml.SX) && n.equals("conflicts")) {
                while (nextChild()) {
                    if (r.getLocalName().equals(itemName)) {
                        FeedItem c = item(itemName);
                        if (c != null) {
                            conflicts.add(c);
                        }
                    } else {
                        skip();
                    }
                }
            } else {
                skip();
            }
        }
        return new Object[] {id, updates, deleted, noConflicts, history, conflicts};
    }

    // ---- StAX helpers with limits ----

    private int depth;

    /** Advances to the next start element (the root), refusing a DTD on the way. */
    private void next() throws XMLStreamException {
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.DTD) {
                throw new FeedFormatException("The feed has a document type declaration (DOCTYPE); refused: entities could read files or "
                        + "expand without bound");
            }
            if (e == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new FeedFormatException("The feed uses entity &" + r.getLocalName() + "; refused" + at());
            }
            if (e == XMLStreamConstants.START_ELEMENT) {
                depth = 1;
                return;
            }
        }
        throw new FeedFormatException("The feed is empty");
    }

    /** Moves to the next child element of the current one; false at its end. */
    private boolean nextChild() throws XMLStreamException {
        while (true) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++depth > limits.maxDepth()) {
                        throw new FeedFormatException("The feed nests elements deeper than " + limits.maxDepth() + "; refused" + at());
                    }
                    return true;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    return false;
                }
                case XMLStreamConstants.DTD -> throw new FeedFormatException("A document type declaration inside the feed; refused");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new FeedFormatException("The feed uses entity &" + r.getLocalName()
                        + "; refused" + at());
                case XMLStreamConstants.END_DOCUMENT -> throw new FeedFormatException("The feed ends inside an element");
                default -> {
                    // text between elements, comments, processing instructions: ignored
                }
            }
        }
    }

    /** The text of the current element (which must have no child elements), bounded. */
    private String text() throws XMLStreamException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int e = r.next();
            if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA || e == XMLStreamConstants.SPACE) {
                b.append(r.getText());
                if (b.length() > limits.maxTextChars()) {
                    throw new FeedFormatException("Text longer than " + limits.maxTextChars() + " characters; refused" + at());
                }
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
                return b.toString();
            } else if (e == XMLStreamConstants.START_ELEMENT) {
                depth++;
                skip(); // markup inside text (Atom xhtml content): not ours to interpret
            } else if (e == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new FeedFormatException("The feed uses entity &" + r.getLocalName() + "; refused" + at());
            }
        }
    }

    /** Skips the current element and everything in it. */
    private void skip() throws XMLStreamException {
        while (nextChild()) {
            skip();
        }
    }

    private boolean isNs(String ns) {
        return ns.equals(r.getNamespaceURI());
    }

    private String attr(String name, String dflt) {
        String v = r.getAttributeValue(null, name);
        return v == null ? dflt : v;
    }

    private long number(String v, String what) {
        if (v == null) {
            throw new FeedFormatException("sx: attribute '" + what + "' is missing" + at());
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new FeedFormatException("sx: attribute '" + what + "' is not a number: " + v + at());
        }
    }

    private boolean bool(String v) {
        return switch (v.trim()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new FeedFormatException("Not a boolean: " + v + at());
        };
    }

    private Instant instant(String v) {
        try {
            return OffsetDateTime.parse(v.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new FeedFormatException("sx:history when is not an RFC 3339 date-time: " + v + at());
        }
    }

    private String at() {
        return r == null || r.getLocation() == null ? "" : " (line " + r.getLocation().getLineNumber() + ")";
    }

    private static final class BoundedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** Stops reading past the byte limit, whatever the XML says. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new BoundedException();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw new BoundedException();
            }
            return n;
        }
    }
}
