package dev.syncwright.core.spi;

/** The runtime's decision step, handed to {@link SyncProvider#applyChanges}: local state in, a plan out. */
@FunctionalInterface
public interface BatchApplier {
    ApplyPlan plan(ApplyContext context);
}
