package dev.syncwright.dialect.postgres;

import dev.syncwright.dialect.Golden;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL of logical capture (ADR 065), pinned: first provisioning of a scope, then its deprovisioning. */
class PgCaptureGoldenTest {
    @Test
    void captureLogical() {
        PgCapture capture = new PgCapture(new PgNames());
        TableDefinition t = Golden.sample("public");
        String name = "syncwright_0123456789abcdef";
        List<SqlStatement> all = new ArrayList<>(capture.prepare(name, "sales", List.of(t), false));
        all.add(capture.createSlot(name));
        all.addAll(capture.switchOver("sales", List.of(t)));
        all.addAll(capture.drop(name, "sales", true, true));
        Golden.check("postgres", "capture-logical", all);
    }
}
