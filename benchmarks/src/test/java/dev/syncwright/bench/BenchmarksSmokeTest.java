package dev.syncwright.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the harness with tiny sizes: every scenario yields a finite, positive figure and the
 * JSON file is written. No timing assertions (DESIGN §7): figures at these sizes mean nothing.
 */
class BenchmarksSmokeTest {

    @Test
    void everyScenarioProducesAFigureAndTheJsonIsWritten() throws Exception {
        Path out = Path.of("target", "bench-smoke", "latest.json");
        Files.deleteIfExists(out);
        Config cfg = Config.parse("--quick", "--rows", "3000", "--reps", "1", "--big-reps", "1", "--out", out.toString());
        cfg.smallRows = 1_000;
        cfg.changes = 100;
        cfg.uploadRows = 1_000;
        cfg.uploadChanges = 300;
        cfg.bulkRows = 1_000;
        cfg.heapProbeMb = 128;
        cfg.files = 200;
        cfg.fileMb = 4;
        cfg.idleFiles = 500;
        Benchmarks b = new Benchmarks(cfg);
        b.run();
        System.out.println(b.table());

        assertThat(b.errors()).isEmpty();
        assertThat(out).exists();
        JsonNode s = new ObjectMapper().readTree(out.toFile()).get("scenarios");
        List<String> figures = new ArrayList<>(List.of(
                "initialDownload.ratio", "initialDownload.rowsPerSecond", "bootstrap.ratio", "bootstrap.ordinaryRatio", "bootstrap.speedup",
                "snapshot.ratio", "snapshot.localRatio", "snapshot.readySeconds", "snapshot.firstSyncSeconds", "snapshot.prepareRefreshSeconds",
                "upload.rowsPerSecond", "upload.ratio", "upload.firstUploadRowsPerSecond",
                "incremental.ratio", "incremental.rawRatio", "incrementalClustered.ratio",
                "metadataBytesPerRow.postgresql.items.ratio", "metadataBytesPerRow.sqlite.clientItems.ratio",
                "peakHeapMb.peakHeapMb", "verify.equalToDownloadRatio", "verify.differingToEqualRatio",
                "files.hash.ratio", "files.initialSync.ratio", "files.initialSync.ratioNoFsync", "files.idleResync.syncSeconds",
                "initialDownloadHttp.ratio", "uploadHttp.ratio", "roundTripHttp.medianMs", "idleSyncsHttp.serverCpuMsPerIdleSync",
                "idleSyncsHttp.serverStatementsPerIdleSync"));
        for (String dialect : List.of("postgresql", "sqlite", "mariadb")) {
            for (String op : List.of("insert", "update", "delete")) {
                for (String ratio : List.of("ratio", "emptyTriggerRatio", "sideTableRatio", "keyedTableRatio")) {
                    figures.add("triggerOverhead." + dialect + "." + op + "." + ratio);
                }
            }
            figures.add("metadataBytesPerRow." + dialect + ".bulkTable.ratio");
        }
        for (String op : List.of("insert", "update", "delete")) {
            figures.add("logicalCapture." + op + ".ratio");
            figures.add("logicalCapture." + op + ".drainSeconds");
        }
        for (String f : figures) {
            JsonNode n = at(s, f);
            assertThat(n).as(f).isNotNull();
            assertThat(n.isNumber()).as(f + " = " + n).isTrue();
            assertThat(Double.isFinite(n.asDouble()) && n.asDouble() > 0).as(f + " = " + n).isTrue();
        }
        assertThat(at(s, "peakHeapMb.completed").asBoolean()).isTrue();
        assertThat(at(s, "snapshot.serverStatementsDuringDownload").asLong()).as("the database takes no part in a snapshot's download")
                .isZero();
        assertThat(at(s, "files.initialSync.folderRename.bytesCopied").asLong()).as("a folder rename copies nothing").isZero();
    }

    /** Dotted path whose keys may themselves contain dots (e.g. "postgresql.items"): longest key first. */
    private static JsonNode at(JsonNode node, String path) {
        if (path.isEmpty() || node == null) {
            return node;
        }
        for (int end = path.length(); end > 0; end = path.lastIndexOf('.', end - 1)) {
            String key = path.substring(0, end);
            if (node.has(key)) {
                JsonNode r = at(node.get(key), end == path.length() ? "" : path.substring(end + 1));
                if (r != null) {
                    return r;
                }
            }
            if (end <= 0) {
                break;
            }
        }
        return null;
    }
}
