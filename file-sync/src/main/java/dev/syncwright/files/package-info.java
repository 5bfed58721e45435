/**
 * Sync Services for File Systems: folder trees as replicas ({@link dev.syncwright.files.FolderReplica}),
 * synced two ways by {@link dev.syncwright.files.FolderSync} with a {@link dev.syncwright.files.FileConflictPolicy}.
 * See ADR 050.
 */
package dev.syncwright.files;
