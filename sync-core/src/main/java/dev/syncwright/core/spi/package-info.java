/**
 * The provider side of Syncwright: what a store implements to take part in a sync (a
 * {@link dev.syncwright.core.spi.SyncProvider}), what it hands the runtime (change batches, item
 * metadata) and the Metadata Storage Service ({@link dev.syncwright.core.spi.MetadataStore}) for
 * stores that keep no metadata of their own. Providers do store work only; conflict detection and
 * resolution live once, in the runtime's {@link dev.syncwright.core.spi.BatchApplier}.
 */
@NullMarked
package dev.syncwright.core.spi;

import org.jspecify.annotations.NullMarked;
