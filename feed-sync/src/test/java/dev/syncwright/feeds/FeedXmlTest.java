package dev.syncwright.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden feeds written by hand in the FeedSync 1.0 layout, round trips, and hostile input. */
class FeedXmlTest {
    static Feed golden(String name) throws Exception {
        try (InputStream in = FeedXmlTest.class.getResourceAsStream("/golden/" + name)) {
            return FeedXml.read(in);
        }
    }

    @Test
    void readsTheSpecsRssLayoutWithConflictsAndDeletes() throws Exception {
        Feed f = golden("rss-with-conflict-and-delete.xml");
        assertThat(f.format()).isEqualTo(FeedFormat.RSS);
        assertThat(f.title()).isEqualTo("To Do List");
        assertThat(f.link()).isEqualTo("http://example.org/todo");
        assertThat(f.items()).extracting(FeedItem::id).containsExactly("item_1_myapp_2005-05-21T11:43:33Z", "item_2");
        FeedItem groceries = f.items().get(0);
        assertThat(groceries.updates()).isEqualTo(3);
        assertThat(groceries.deleted()).isFalse();
        assertThat(groceries.body()).isEqualTo("Get milk, eggs, butter and bread");
        assertThat(groceries.history()).containsExactly(new FeedHistory(3, Instant.parse("2005-05-21T11:43:33Z"), "JEO2000"),
                new FeedHistory(2, Instant.parse("2005-05-21T10:43:33Z"), "REO1750"),
                new FeedHistory(1, Instant.parse("2005-05-21T09:43:33Z"), "REO1750"));
        assertThat(groceries.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.updates()).isEqualTo(2);
            assertThat(c.topmost().by()).isEqualTo("TCM7100");
            assertThat(c.body()).isEqualTo("Get milk, eggs and bread");
        });
        assertThat(f.items().get(1).deleted()).isTrue();
    }

    @Test
    void readsAtomWithoutWhen() throws Exception {
        Feed f = golden("atom-basic.xml");
        assertThat(f.format()).isEqualTo(FeedFormat.ATOM);
        assertThat(f.link()).isEqualTo("http://example.org/contacts");
        FeedItem ann = f.items().get(0);
        assertThat(ann.noConflicts()).isTrue();
        assertThat(ann.body()).isEqualTo("ann@example.org");
        assertThat(ann.topmost()).isEqualTo(new FeedHistory(1, null, "phone"));
    }

    @Test
    void publishConsumePublishIsStableInBothFormats() throws Exception {
        for (String name : new String[] {"rss-with-conflict-and-delete.xml", "atom-basic.xml"}) {
            Feed f = golden(name);
            String once = FeedXml.toString(f);
            Feed back = FeedXml.read(once);
            assertThat(back).as(name).isEqualTo(f);
            assertThat(FeedXml.toString(back)).as(name).isEqualTo(once);
        }
        Feed typed = new Feed(FeedFormat.ATOM, "t", "l", List.of(FeedItem.create("x", "me", Instant.parse("2026-01-01T00:00:00Z"),
                "title <&>", "body\nwith lines", List.of(new FeedValue("long", "42"), FeedValue.NULL, new FeedValue("string", " spaced ")))));
        assertThat(FeedXml.read(FeedXml.toString(typed))).isEqualTo(typed);
        Feed rss = new Feed(FeedFormat.RSS, typed.title(), typed.link(), typed.items());
        assertThat(FeedXml.read(FeedXml.toString(rss))).isEqualTo(rss);
    }

    @Test
    void theWrittenLayoutIsTheSpecs() {
        Feed f = new Feed(FeedFormat.RSS, "T", "http://x", List.of(FeedItem.create("a", "ep", Instant.parse("2026-01-02T03:04:05Z"), "A", "aa",
                List.of())));
        assertThat(FeedXml.toString(f)).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:sx="http://feedsync.org/2007/feedsync" xmlns:sw="https://syncwright.dev/2026/feed">
                  <channel>
                    <title>T</title>
                    <link>http://x</link>
                    <description>FeedSync feed: T</description>
                    <item>
                      <sx:sync id="a" updates="1" deleted="false" noconflicts="false">
                        <sx:history sequence="1" when="2026-01-02T03:04:05Z" by="ep"/>
                      </sx:sync>
                      <title>A</title>
                      <description>aa</description>
                    </item>
                  </channel>
                </rss>
                """);
    }

    @Test
    void externalEntitiesAndEntityExpansionAreRefused() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>&secret;</title></channel></rss>""";
        assertThatThrownBy(() -> FeedXml.read(xxe)).isInstanceOf(FeedFormatException.class).hasMessageContaining("DOCTYPE");
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                <rss><channel><title>&lol3;</title></channel></rss>""";
        assertThatThrownBy(() -> FeedXml.read(laughs)).isInstanceOf(FeedFormatException.class).hasMessageContaining("DOCTYPE");
        String undeclared = "<rss version=\"2.0\"><channel><title>&nope;</title></channel></rss>";
        assertThatThrownBy(() -> FeedXml.read(undeclared)).isInstanceOf(FeedFormatException.class);
    }

    @Test
    void malformedAndOversizedFeedsAreRefused() {
        assertThatThrownBy(() -> FeedXml.read("<rss><channel><item>")).isInstanceOf(FeedFormatException.class);
        assertThatThrownBy(() -> FeedXml.read("not xml at all")).isInstanceOf(FeedFormatException.class).hasMessageContaining("Malformed");
        assertThatThrownBy(() -> FeedXml.read("<html/>")).isInstanceOf(FeedFormatException.class).hasMessageContaining("Not an RSS");
        assertThatThrownBy(() -> FeedXml.read("<rss><channel><item><sx:sync xmlns:sx=\"http://feedsync.org/2007/feedsync\" updates=\"1\"/>"
                + "</item></channel></rss>")).isInstanceOf(FeedFormatException.class).hasMessageContaining("without an id");
        // an endless document: refused at the byte limit, never read to the end
        InputStream head = new ByteArrayInputStream("<rss><channel><title>".getBytes(StandardCharsets.UTF_8));
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        FeedXml.Limits small = new FeedXml.Limits(1 << 20, 100, 16, 10 << 20);
        assertThatThrownBy(() -> FeedXml.read(new SequenceInputStream(Collections.enumeration(List.of(head, endless))), small))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("larger than");
        String deep = "<rss><channel>" + "<x>".repeat(40) + "</x>".repeat(40) + "</channel></rss>";
        assertThatThrownBy(() -> FeedXml.read(new ByteArrayInputStream(deep.getBytes(StandardCharsets.UTF_8)), small))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("deeper");
        String manyItems = "<rss><channel>" + "<item><title>t</title></item>".repeat(101) + "</channel></rss>";
        assertThatThrownBy(() -> FeedXml.read(new ByteArrayInputStream(manyItems.getBytes(StandardCharsets.UTF_8)), small))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("more than 100 items");
    }
}
