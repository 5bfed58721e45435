package dev.syncwright.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies made several at once, ahead of their writes, are checked like any copy and never left behind. */
class CopyAheadTest {
    @TempDir
    Path tmp;

    FileContent contentOf(Path file) throws Exception {
        return new FileContent(file, Files.size(file), Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS), ContentHash.of(file), "x");
    }

    @Test
    void copiesAheadAreTakenByTheirWritesAndWhatNoWriteTakesIsDeleted() throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Path root = Files.createDirectory(tmp.resolve("root"));
        Random rnd = new Random(5);
        List<FileContent> contents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] b = new byte[rnd.nextInt(200_000)];
            rnd.nextBytes(b);
            Path f = Files.write(src.resolve("f" + i), b);
            Files.setLastModifiedTime(f, FileTime.fromMillis(1_600_000_000_000L + i));
            contents.add(contentOf(f));
        }
        Disk disk = new Disk(root, true, false, false, true, dir -> false);
        for (int i = 0; i < 40; i++) {
            disk.copyAhead(contents.get(i), root.resolve("d" + i % 3 + "/f" + i), "d" + i % 3 + "/f" + i);
        }
        Files.createDirectory(root.resolve("empty")); // a user's empty folder stays as it is
        disk.copyAhead(contents.get(1), root.resolve("empty/new/deeper/x"), "empty/new/deeper/x"); // never written
        assertThat(disk.hasStaged()).as("a scan must not remove copies made ahead").isTrue();
        long bytes = 0;
        for (int i = 0; i < 39; i++) { // the last one the applier does not write
            String rel = "d" + i % 3 + "/f" + i;
            Stat s = disk.write(contents.get(i), root.resolve(rel), rel);
            assertThat(s.size()).isEqualTo(contents.get(i).size());
            assertThat(s.mtime()).isEqualTo(contents.get(i).mtime());
            bytes += s.size();
        }
        // a write of other content to a target copied ahead copies that content itself
        String rel = "d2/f38";
        FileContent other = contents.get(0);
        disk.write(other, root.resolve(rel), rel);
        disk.flush();
        for (int i = 0; i < 38; i++) {
            Path t = root.resolve("d" + i % 3 + "/f" + i);
            assertThat(Files.readAllBytes(t)).isEqualTo(Files.readAllBytes(contents.get(i).source()));
            assertThat(Stat.read(t, "").mtime()).isEqualTo(contents.get(i).mtime());
        }
        assertThat(Files.readAllBytes(root.resolve(rel))).isEqualTo(Files.readAllBytes(other.source()));
        assertThat(Files.exists(root.resolve("d0/f39"))).isFalse();
        assertThat(root.resolve("empty")).as("folders made for a copy no write took are removed").isEmptyDirectory();
        assertThat(temporaries(root)).isEmpty();
        assertThat(disk.bytesCopied).isEqualTo(bytes + other.size());
        assertThat(disk.hasStaged()).isFalse();
    }

    @Test
    void aSourceEditedSinceItsScanIsRefusedWhenCopiedAheadAndNothingIsLeft() throws Exception {
        Path src = Files.writeString(tmp.resolve("src.txt"), "scanned");
        FileContent scanned = contentOf(src);
        Files.writeString(src, "edited!"); // same size, different bytes
        Path root = Files.createDirectory(tmp.resolve("root"));
        Disk disk = new Disk(root, true, false, false, true, dir -> false);
        disk.copyAhead(scanned, root.resolve("a/t.txt"), "a/t.txt");
        assertThatThrownBy(() -> disk.write(scanned, root.resolve("a/t.txt"), "a/t.txt")).isInstanceOf(SyncException.class)
                .hasMessageContaining("changed since the last detection pass");
        assertThat(temporaries(root)).isEmpty();
        disk.discard();
        assertThat(Files.exists(root.resolve("a/t.txt"))).isFalse();
    }

    @Test
    void aSourceGrowingDuringACopyAheadIsRetriedThenRefusedNeverHalfCopied() throws Exception {
        Path src = tmp.resolve("growing.bin");
        byte[] block = Appender.randomFile(src);
        FileContent scanned = contentOf(src);
        Path root = Files.createDirectory(tmp.resolve("root"));
        Disk disk = new Disk(root, false, false, false, true, dir -> false);
        try (Appender writing = Appender.start(src, block)) {
            disk.copyAhead(scanned, root.resolve("g.bin"), "g.bin");
            assertThatThrownBy(() -> disk.write(scanned, root.resolve("g.bin"), "g.bin")).isInstanceOf(SyncException.class)
                    .hasMessageContaining("changed since the last detection pass");
        }
        disk.discard();
        assertThat(Files.exists(root.resolve("g.bin"))).isFalse();
        assertThat(temporaries(root)).isEmpty();
    }

    @Test
    void aDiscardedBatchDeletesItsCopiesAheadEvenWhileTheyAreBeingMade() throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Path root = Files.createDirectory(tmp.resolve("root"));
        byte[] b = new byte[3 << 20];
        new Random(9).nextBytes(b);
        Disk disk = new Disk(root, true, false, false, true, dir -> false);
        for (int i = 0; i < 12; i++) {
            Path f = Files.write(src.resolve("f" + i), b);
            disk.copyAhead(contentOf(f), root.resolve("f" + i), "f" + i);
        }
        disk.discard();
        try (Stream<Path> s = Files.list(root)) {
            assertThat(s.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(disk.hasStaged()).isFalse();
    }

    @Test
    void newFilesHashedOnSeveralThreadsHashAsOneByOne() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Random rnd = new Random(11);
        for (int i = 0; i < Matcher.PARALLEL_HASHING * 3; i++) {
            byte[] b = new byte[rnd.nextInt(3 * ContentHash.CHUNK)];
            rnd.nextBytes(b);
            Files.write(Files.createDirectories(root.resolve("d" + i % 4)).resolve("f" + i), b);
        }
        PathFilter all = new PathFilter(List.of(), List.of());
        List<Stat> scan = Scanner.scan(root, all, false);
        Map<UUID, Entry> m = new Matcher(root, "r", FolderStore.nowNanos(), false, id -> false, new ContentHash()).match(scan, List.of(), all);
        assertThat(m).hasSize(scan.size());
        for (Entry e : m.values()) {
            assertThat(e.hash).as(e.path).isEqualTo(ContentHash.of(root.resolve(e.path)));
        }
    }

    @Test
    void thePoolTakesNewFilesFolderByFolderInRunsThatCoverEveryFileOnce() {
        List<Path> files = new ArrayList<>();
        for (String f : List.of("a/1", "a/2", "a/3", "a/4", "a/5", "b/1", "a/6", "c/d/1", "c/d/2", "c/1", "top")) {
            files.add(Path.of("/root").resolve(f));
        }
        List<int[]> runs = Copier.runs(files, 3);
        assertThat(runs.stream().map(r -> r[0] + "-" + r[1]).toList())
                .containsExactly("0-3", "3-5", "5-6", "6-7", "7-9", "9-10", "10-11"); // a/1-3, a/4-5, b, a/6, c/d, c, top
        for (int[] r : runs) {
            for (int k = r[0]; k < r[1]; k++) {
                assertThat(files.get(k).getParent()).isEqualTo(files.get(r[0]).getParent());
            }
        }
        assertThat(Copier.runs(List.of(), 3)).isEmpty();
        assertThat(Copier.runs(files, 1)).hasSize(files.size());
    }

    private static List<Path> temporaries(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PathFilter.TEMP_PREFIX)).toList();
        }
    }
}
