package dev.syncwright.samples.folders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSyncSampleTest {
    @Test
    void threeFoldersEndEqualWithTheRenameTheMergeAndBothDrafts(@TempDir Path dir) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            FolderSyncSample.main(new String[] {dir.toString()});
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("equal: true").contains("planning/plan.md: # Plan | - write the report | - send it")
                .contains("report (conflict from");
        assertThat(FolderSyncSample.files(dir.resolve("laptop"))).containsValues("Draft 2 (laptop)", "Draft 2 (desktop)");
    }
}
