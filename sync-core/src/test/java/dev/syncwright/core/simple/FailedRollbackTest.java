package dev.syncwright.core.simple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.memory.InMemoryMetadataStore;
import dev.syncwright.core.spi.ForwardingMetadataStore;
import dev.syncwright.core.spi.MetadataStore;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure inside a metadata transaction is the error reported, even when rolling back fails too:
 * SQLite rolls a transaction back by itself when the disk is full, and rolling back again then fails
 * with "no transaction is active", which used to replace the full disk in the user's message.
 */
class FailedRollbackTest {
    @TempDir
    Path dir;

    /** A store that has rolled back by itself, as SQLite does on SQLITE_FULL: rolling back again fails. */
    static final class RolledBackAlready extends ForwardingMetadataStore {
        int rollbacks;

        RolledBackAlready(MetadataStore delegate) {
            super(delegate);
        }

        @Override
        public void rollback() {
            rollbacks++;
            super.rollback();
            throw new SyncException("cannot rollback - no transaction is active");
        }
    }

    @Test
    void aDetectionThatFailsReportsItsCauseWithTheFailedRollbackAttached() {
        RolledBackAlready meta = new RolledBackAlready(new InMemoryMetadataStore(ReplicaId.random()));
        Stores.FolderStore full = new Stores.FolderStore(dir, false) {
            @Override
            public void listItems(Consumer<ItemFields> sink) {
                throw new SyncException("No space left on device");
            }
        };
        FullEnumerationSimpleProvider provider = new FullEnumerationSimpleProvider(Stores.ONE_UNIT, meta, full);

        assertThatThrownBy(provider::detectChanges).isInstanceOf(SyncException.class).hasMessage("No space left on device")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("cannot rollback - no transaction is active"));
        assertThat(meta.rollbacks).isEqualTo(1);
    }
}
