package dev.syncwright.core.spi;

import dev.syncwright.core.ReplicaKeyMap;

/** The full current state of one item, fetched from a source during apply, with the key map its versions use. */
public record FetchedItem(ReplicaKeyMap keys, ItemChange change) {}
