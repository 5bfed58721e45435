/**
 * Simple providers: synchronization for stores that keep no sync metadata of their own (a folder of
 * files, a CSV file, a REST resource). The user implements a small store interface
 * ({@link dev.syncwright.core.simple.FullEnumerationStore} or {@link dev.syncwright.core.simple.AnchorStore})
 * and describes the item's custom fields with an {@link dev.syncwright.core.simple.ItemMetadataSchema};
 * Syncwright keeps versions and knowledge in a {@link dev.syncwright.core.spi.MetadataStore} and derives
 * inserts, updates (per change unit) and deletes itself, before every session.
 */
@NullMarked
package dev.syncwright.core.simple;

import org.jspecify.annotations.NullMarked;
