package dev.syncwright.core.spi;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.internal.ChangeApplier;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The runtime's decision step, handed to {@link SyncProvider#applyChanges}: local state in, a plan out. */
@FunctionalInterface
public interface BatchApplier {
    ApplyPlan plan(ApplyContext context);

    /**
     * What a provider that applies the batch elsewhere (a server reached over HTTP) needs to build
     * the same applier there with {@link #of}; null when this applier cannot be described so.
     */
    default @Nullable Recipe recipe() {
        return null;
    }

    /**
     * The session's side of an applier: the two replicas, which side is the remote one, the
     * conflict policy, the source's full rows for the changes that need them, and whether a row hook
     * of the caller's (which cannot travel) is set.
     */
    record Recipe(ReplicaId source, ReplicaId destination, boolean destinationIsRemote, ConflictPolicy policy,
            Function<ItemId, Optional<FetchedItem>> sourceRows, boolean rowHook) {}

    /** The runtime's applier for {@code batch}, as the recipe describes it (the source's rows fetched through {@code sourceRows}). */
    static BatchApplier of(ChangeBatch batch, Recipe recipe, Function<ItemId, Optional<FetchedItem>> sourceRows) {
        return new ChangeApplier(batch, recipe.source(), recipe.destination(), recipe.destinationIsRemote(), recipe.policy(), sourceRows);
    }
}
