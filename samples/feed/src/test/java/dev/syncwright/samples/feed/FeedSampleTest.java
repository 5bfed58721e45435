package dev.syncwright.samples.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedSampleTest {
    @Test
    void bothListsAgreeAndTheConflictIsInTheFeed(@TempDir Path dir) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            FeedSample.main(new String[] {dir.toString()});
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("home after the first exchange: 2 to-dos").contains("office and home agree: true / true")
                .contains("1 conflict kept under sx:conflicts").contains("<sx:conflicts>").contains("xmlns:sx=\"http://feedsync.org/2007/feedsync\"");
    }
}
