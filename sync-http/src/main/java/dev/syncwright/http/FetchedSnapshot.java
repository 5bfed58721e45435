package dev.syncwright.http;

import dev.syncwright.core.ReplicaId;
import java.nio.file.Path;

/**
 * A snapshot a new client started from (ADR 066): the SQLite file, its size, its SHA-256 as the
 * server announced it (the snapshot's identity; on arrival the file was checked against its length
 * and CRC-32C), the server replica it is a snapshot of, the replica id the file took when adopted, and how
 * many times a cut download went on where it stopped.
 */
public record FetchedSnapshot(Path file, long bytes, String sha256, ReplicaId server, ReplicaId replica, int resumes) {}
