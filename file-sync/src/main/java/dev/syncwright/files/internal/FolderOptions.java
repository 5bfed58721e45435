package dev.syncwright.files.internal;

/** How a folder store behaves; see {@link dev.syncwright.files.FolderReplica.Builder}. */
public record FolderOptions(PathFilter filter, boolean recycle, boolean fsync, boolean alwaysHash, boolean caseInsensitive) {}
