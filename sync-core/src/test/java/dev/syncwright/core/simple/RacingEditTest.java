package dev.syncwright.core.simple;

import static dev.syncwright.core.simple.Stores.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.memory.InMemoryMetadataStore;
import dev.syncwright.core.memory.MemoryReplica;
import dev.syncwright.core.simple.Stores.FolderStore;
import dev.syncwright.core.spi.ApplyPlan;
import dev.syncwright.core.spi.ForwardingSyncProvider;
import dev.syncwright.core.spi.BatchApplier;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.core.spi.FetchedItem;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.core.spi.SyncProvider;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local edit made after a session detected changes and before it writes the same item: the racing
 * edit of another unit survives; one of the same unit is refused by a guarded store (the session
 * fails, and the next one resolves the conflict); an unguarded store lets the sync overwrite it.
 */
class RacingEditTest {
    @TempDir
    Path dir;

    FolderStore folder;
    FullEnumerationSimpleProvider files;
    Racing local;
    MemoryReplica server = new MemoryReplica(ReplicaId.random(), 2);

    /** Runs a local edit just before the provider applies its first batch (after the session's detection pass). */
    static final class Racing extends ForwardingSyncProvider {
        Runnable race;

        Racing(SyncProvider delegate) {
            super(delegate);
        }

        @Override
        public ApplyPlan applyChanges(ChangeBatch batch, BatchApplier applier) {
            Runnable r = race;
            race = null;
            if (r != null) {
                r.run();
            }
            return delegate.applyChanges(batch, applier);
        }
    }

    @BeforeEach
    void setUp() {
        folder = new FolderStore(dir, true);
        files = new FullEnumerationSimpleProvider(Stores.TWO_UNITS, new InMemoryMetadataStore(ReplicaId.random()), folder);
        local = new Racing(files);
        folder.write("a.md", "title", "body");
        sync(ConflictPolicy.SERVER_WINS);
    }

    SyncResult sync(ConflictPolicy p) {
        return SyncOrchestrator.between(local, server).conflicts(p).run();
    }

    void assertConvergedWithoutEcho() {
        assertThat(folder.split(folder.read("a.md"))).containsExactly(server.get(id("a.md")));
        SyncResult again = sync(ConflictPolicy.SERVER_WINS);
        assertThat(again.upload().sent() + again.download().sent()).isZero();
    }

    @Test
    void aRacingEditOfAnotherUnitSurvivesAndTravelsNextTime() {
        server.update(id("a.md"), 1, "server body");
        local.race = () -> folder.write("a.md", "local title", "body");
        SyncResult r = sync(ConflictPolicy.SERVER_WINS);
        assertThat(r.download().applied()).isEqualTo(1);
        assertThat(folder.read("a.md")).isEqualTo("local title\nserver body");
        r = sync(ConflictPolicy.SERVER_WINS);
        assertThat(r.upload().sent()).isEqualTo(1);
        assertThat(server.get(id("a.md"))).containsExactly("local title", "server body");
        assertConvergedWithoutEcho();
    }

    @Test
    void aRacingEditOfTheSameUnitIsRefusedThenResolvedAsAConflict() {
        server.update(id("a.md"), 1, "server body");
        local.race = () -> folder.write("a.md", "title", "local body");
        assertThatThrownBy(() -> sync(ConflictPolicy.CLIENT_WINS)).hasStackTraceContaining("changed locally since the last detection pass");
        assertThat(folder.read("a.md")).isEqualTo("title\nlocal body");
        SyncResult r = sync(ConflictPolicy.CLIENT_WINS);
        assertThat(r.upload().conflicts()).extracting(Conflict::kind).containsExactly(ConflictKind.UPDATE_UPDATE);
        assertThat(server.get(id("a.md"))).containsExactly("title", "local body");
        assertConvergedWithoutEcho();
    }

    @Test
    void aRacingCreationIsRefusedThenResolvedAsAnInsertInsertConflict() {
        server.insert(id("b.md"), "server", "b");
        local.race = () -> folder.write("b.md", "local", "b");
        assertThatThrownBy(() -> sync(ConflictPolicy.SERVER_WINS)).hasStackTraceContaining("created locally since the last detection pass");
        SyncResult r = sync(ConflictPolicy.SERVER_WINS);
        assertThat(r.upload().conflicts()).extracting(Conflict::kind).containsExactly(ConflictKind.INSERT_INSERT);
        assertThat(folder.read("b.md")).isEqualTo("server\nb");
        assertConvergedWithoutEcho();
    }

    @Test
    void withoutTheGuardTheSyncOverwritesARacingEditOfTheSameUnit() {
        folder.guarded = false;
        server.update(id("a.md"), 1, "server body");
        local.race = () -> folder.write("a.md", "title", "local body");
        SyncResult r = sync(ConflictPolicy.CLIENT_WINS);
        assertThat(r.totalConflicts()).isZero();
        assertThat(folder.read("a.md")).isEqualTo("title\nserver body"); // the local edit is gone: last writer wins
        assertConvergedWithoutEcho();
    }
}
