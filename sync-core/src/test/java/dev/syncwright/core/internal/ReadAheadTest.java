package dev.syncwright.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    static final Knowledge K = Knowledge.empty(ReplicaKeyMap.of(List.of(ReplicaId.random())));

    /** Numbered batches; records which thread read and closed it, optionally failing at one batch. */
    static final class Source implements ChangeEnumeration {
        final int count;
        final int failAt;
        final AtomicInteger produced = new AtomicInteger();
        final List<Thread> readers = new ArrayList<>();
        volatile Thread closedBy;

        Source(int count, int failAt) {
            this.count = count;
            this.failAt = failAt;
        }

        @Override
        public boolean hasNext() {
            return produced.get() < count;
        }

        @Override
        public ChangeBatch next() {
            int i = produced.getAndIncrement();
            synchronized (readers) {
                readers.add(Thread.currentThread());
            }
            if (i == failAt) {
                throw new IllegalStateException("source failed at batch " + i);
            }
            boolean last = i == count - 1;
            return new ChangeBatch(K, ItemId.ofLong(i * 10L), last ? null : ItemId.ofLong(i * 10L + 9), List.of(), last, false, null, null);
        }

        @Override
        public OptionalLong estimatedChanges() {
            return OptionalLong.of(count);
        }

        @Override
        public void close() {
            closedBy = Thread.currentThread();
        }
    }

    @Test
    void deliversEveryBatchInOrderReadOnItsOwnThread() {
        Source s = new Source(50, -1);
        List<ItemId> starts = new ArrayList<>();
        try (ReadAhead r = new ReadAhead(s, "test-read-ahead")) {
            assertThat(r.estimatedChanges()).hasValue(50);
            while (r.hasNext()) {
                starts.add(r.next().rangeStart());
            }
        }
        assertThat(starts).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(starts.get(i)).isEqualTo(ItemId.ofLong(i * 10L));
        }
        assertThat(s.readers).doesNotContain(Thread.currentThread());
        assertThat(s.closedBy).isSameAs(Thread.currentThread());
    }

    @Test
    void readsAtMostOneBatchBeyondWhatWasTaken() throws InterruptedException {
        Source s = new Source(100, -1);
        try (ReadAhead r = new ReadAhead(s, "test-read-ahead")) {
            r.next();
            r.next();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (s.produced.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            // two taken, one waiting in the queue, at most one more read and waiting for room
            assertThat(s.produced.get()).isBetween(3, 2 + ReadAhead.AHEAD + 1);
        }
        assertThat(s.closedBy).isSameAs(Thread.currentThread());
        int atClose = s.produced.get();
        assertThat(atClose).isLessThanOrEqualTo(2 + ReadAhead.AHEAD + 1);
    }

    @Test
    void aFailureOfTheSourceReachesTheConsumerAfterTheBatchesBeforeIt() {
        Source s = new Source(10, 3);
        List<ChangeBatch> got = new ArrayList<>();
        try (ReadAhead r = new ReadAhead(s, "test-read-ahead")) {
            assertThatThrownBy(() -> {
                while (r.hasNext()) {
                    got.add(r.next());
                }
            }).isInstanceOf(IllegalStateException.class).hasMessage("source failed at batch 3");
        }
        assertThat(got).hasSize(3);
        assertThat(s.closedBy).isSameAs(Thread.currentThread());
    }

    @Test
    void closingEarlyStopsTheReader() {
        Source s = new Source(1_000_000, -1);
        ReadAhead r = new ReadAhead(s, "test-read-ahead");
        r.next();
        r.close();
        int after = s.produced.get();
        assertThat(after).isLessThan(10);
        assertThat(s.closedBy).isSameAs(Thread.currentThread());
    }
}
