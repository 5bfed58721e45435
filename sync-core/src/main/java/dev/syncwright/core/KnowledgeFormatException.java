package dev.syncwright.core;

/** Bytes that should hold an encoded knowledge do not: truncated, corrupted, of another format version, or hostile. */
public final class KnowledgeFormatException extends SyncException {
    private static final long serialVersionUID = 1L;

    public KnowledgeFormatException(String message) {
        super(message);
    }
}
