package dev.syncwright.files.internal;

/**
 * How a folder store behaves; see {@link dev.syncwright.files.FolderReplica.Builder}. {@code modes}:
 * the volume keeps the execute permission ({@link Modes#keptIn}).
 */
public record FolderOptions(PathFilter filter, boolean recycle, boolean fsync, boolean alwaysHash, boolean caseInsensitive, boolean modes) {}
