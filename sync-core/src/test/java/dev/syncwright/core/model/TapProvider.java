package dev.syncwright.core.model;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.spi.ApplyPlan;
import dev.syncwright.core.spi.ForwardingSyncProvider;
import dev.syncwright.core.spi.BatchApplier;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.core.spi.FetchedItem;
import dev.syncwright.core.spi.ItemWrite;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.core.spi.SyncProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Wraps a destination: records every committed batch with its plan, and can crash before the k-th batch commits. */
final class TapProvider extends ForwardingSyncProvider {
    static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure() {
            super("injected failure");
        }
    }

    record Applied(ChangeBatch batch, ApplyPlan plan, dev.syncwright.core.Knowledge forgottenBefore) {}
    private final int failBeforeBatch;
    final List<Applied> applied = new ArrayList<>();

    private final boolean failInsideTransaction;

    /** Fails when batch number {@code failBeforeBatch} (1-based; 0 = never) is applied, before or inside its transaction. */
    TapProvider(SyncProvider delegate, int failBeforeBatch, boolean failInsideTransaction) {
        super(delegate);
        this.failBeforeBatch = failBeforeBatch;
        this.failInsideTransaction = failInsideTransaction;
    }

    @Override
    public ApplyPlan applyChanges(ChangeBatch batch, BatchApplier applier) {
        boolean fail = failBeforeBatch > 0 && applied.size() + 1 >= failBeforeBatch;
        if (fail && !failInsideTransaction) {
            throw new InjectedFailure();
        }
        // Inside the transaction: the real writes happen, then a write the store must refuse, so the
        // provider has to roll back everything of this batch.
        dev.syncwright.core.Knowledge[] forgotten = new dev.syncwright.core.Knowledge[1];
        BatchApplier inner = applier;
        applier = ctx -> {
            forgotten[0] = ctx.forgottenKnowledge();
            return inner.plan(ctx);
        };
        ApplyPlan p;
        try {
            BatchApplier outer = applier;
            p = delegate.applyChanges(batch, fail ? ctx -> {
            ApplyPlan real = outer.plan(ctx);
            ctx.mintTick();
            List<ItemWrite> writes = new ArrayList<>(real.writes());
            writes.add(ItemWrite.upsert(ItemId.ofString("\uffff-missing"), Version.local(1), null, false, new int[] {0}, new Object[] {"x"}));
            return new ApplyPlan(writes, real.newKnowledge(), real.newForgotten(), real.conflicts(), 0, 0, 0, 0);
        } : outer);
        } catch (dev.syncwright.core.SyncException e) {
            if (fail && e.getMessage().contains("does not exist")) {
                throw new InjectedFailure();
            }
            throw e;
        }
        if (fail) {
            throw new AssertionError("the injected bad write was not refused");
        }
        applied.add(new Applied(batch, p, forgotten[0]));
        return p;
    }
}
