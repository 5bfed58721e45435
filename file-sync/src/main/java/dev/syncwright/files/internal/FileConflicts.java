package dev.syncwright.files.internal;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictDecision;
import dev.syncwright.core.ConflictHandler;
import dev.syncwright.core.ConflictPolicy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * File conflicts, decided inside the core's applier (ADR 050). Concurrent edits of one file's
 * content: keep both (the newer content stays, the other becomes a conflict copy next to it), the
 * newer only, or the local or remote side's. Concurrent renames of one file: the smaller path, or
 * the local or remote side's. An edit against a delete: the edit survives unless a side is named.
 * Every choice is a function of the two values alone, so replicas that meet the same conflict
 * separately make the same choice (and the same conflict copy).
 */
public final class FileConflicts implements ConflictHandler {
    /** The modes of {@link dev.syncwright.files.FileConflictPolicy}. */
    public enum Mode { KEEP_BOTH, NEWER, LOCAL, REMOTE }

    private final Mode mode;

    private FileConflicts(Mode mode) {
        this.mode = mode;
    }

    public static ConflictPolicy policy(Mode mode) {
        return ConflictPolicy.custom(new FileConflicts(mode));
    }

    @Override
    public ConflictDecision resolve(Conflict c) {
        switch (c.kind()) {
            case UPDATE_DELETE, DELETE_UPDATE -> {
                return switch (mode) {
                    case LOCAL -> ConflictDecision.localWins();
                    case REMOTE -> ConflictDecision.remoteWins();
                    // the side that edited wins: deleting a file someone changed meanwhile loses the change
                    default -> c.kind() == dev.syncwright.core.ConflictKind.UPDATE_DELETE ? ConflictDecision.destinationWins()
                            : ConflictDecision.sourceWins();
                };
            }
            case UPDATE_UPDATE, INSERT_INSERT -> {
                Map<Integer, Object> values = new HashMap<>();
                for (int u : c.changeUnits()) {
                    Object s = at(c.sourceValues(), u);
                    Object d = at(c.destinationValues(), u);
                    Object v = s == null ? d : d == null ? s : u == FileSchema.PATH_UNIT ? path(c, (String) s, (String) d)
                            : content(c, (FileContent) s, (FileContent) d);
                    if (v != null) {
                        values.put(u, v);
                    }
                }
                return ConflictDecision.values(values);
            }
            default -> {
                return ConflictDecision.destinationWins();
            }
        }
    }

    private String path(Conflict c, String s, String d) {
        return switch (mode) {
            case LOCAL -> c.destinationIsRemote() ? s : d;
            case REMOTE -> c.destinationIsRemote() ? d : s;
            default -> s.compareTo(d) <= 0 ? s : d;
        };
    }

    private Object content(Conflict c, FileContent s, FileContent d) {
        if (s.sameBytes(d)) {
            return d; // the same bytes on both sides: not a conflict anyone needs to see
        }
        return switch (mode) {
            case LOCAL -> c.destinationIsRemote() ? s : d;
            case REMOTE -> c.destinationIsRemote() ? d : s;
            case NEWER -> newer(s, d);
            case KEEP_BOTH -> {
                FileContent w = newer(s, d);
                yield new KeepBoth(w, w == s ? d : s);
            }
        };
    }

    /** The later-modified content; equal times are broken by the hash, so the choice never depends on the direction. */
    static FileContent newer(FileContent a, FileContent b) {
        if (a.mtime() != b.mtime()) {
            return a.mtime() > b.mtime() ? a : b;
        }
        return Arrays.compareUnsigned(a.hash(), b.hash()) >= 0 ? a : b;
    }

    private static Object at(Object[] values, int u) {
        return values != null && u < values.length ? values[u] : null;
    }
}
