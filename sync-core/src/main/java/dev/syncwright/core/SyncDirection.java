package dev.syncwright.core;

/** Which one-way sessions a sync runs between the local and the remote replica, in order. */
public enum SyncDirection {
    UPLOAD, DOWNLOAD, UPLOAD_AND_DOWNLOAD, DOWNLOAD_AND_UPLOAD
}
