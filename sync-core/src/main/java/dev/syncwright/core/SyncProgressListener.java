package dev.syncwright.core;

/** Receives progress after every batch. Called on the syncing thread; keep it fast. */
@FunctionalInterface
public interface SyncProgressListener {
    void onProgress(SyncProgress progress);
}
