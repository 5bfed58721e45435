package dev.syncwright.core.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.RowApplying;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ItemWrite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The row hook of {@link dev.syncwright.core.SyncInterceptor} applied to a batch's writes, after
 * conflicts were resolved (ADR 045). A row held back is handed to {@code defer}: the batch's
 * knowledge leaves it out, so it comes again. A value the hook changed gets the {@code mint}ed
 * version, as a local edit would: it supersedes the incoming version everywhere, so every replica
 * converges to what the destination stored.
 */
final class RowHooks {
    private RowHooks() {
    }

    static List<ItemWrite> apply(List<ItemWrite> writes, Consumer<RowApplying> hook, Consumer<ItemId> defer, Supplier<Version> mint) {
        List<ItemWrite> kept = new ArrayList<>(writes.size());
        for (ItemWrite w : writes) {
            boolean valued = w.kind() == ItemWrite.Kind.UPSERT && w.valueUnits().length > 0;
            if (w.kind() != ItemWrite.Kind.DELETE && !valued) {
                kept.add(w); // forgotten items and writes of versions only carry nothing to show
                continue;
            }
            RowApplying row = new RowApplying(w.itemId(), w.kind() == ItemWrite.Kind.DELETE, w.valueUnits(), w.values());
            hook.accept(row);
            if (row.skipped()) {
                defer.accept(w.itemId());
                continue;
            }
            Version[] versions = null;
            for (int i = 0; valued && i < w.valueUnits().length; i++) {
                if (row.changedAt(i)) {
                    if (versions == null) {
                        int units = Math.max(w.unitVersions().length, Arrays.stream(w.valueUnits()).max().orElse(-1) + 1);
                        versions = Arrays.copyOf(w.unitVersions(), units);
                    }
                    versions[w.valueUnits()[i]] = mint.get();
                }
            }
            kept.add(versions == null ? w : new ItemWrite(w.kind(), w.itemId(), w.creation(), w.deletion(), versions, w.replaceRow(),
                    w.valueUnits(), row.values()));
        }
        return kept;
    }
}
