/**
 * The implementation of file-system sync: the folder store, scanning and identity matching, atomic
 * writes, the cached metadata store and the conflict handler. No compatibility promise: use
 * {@link dev.syncwright.files.FolderReplica} and {@link dev.syncwright.files.FolderSync}.
 */
package dev.syncwright.files.internal;
