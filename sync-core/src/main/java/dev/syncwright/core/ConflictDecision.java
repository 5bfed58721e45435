package dev.syncwright.core;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What a {@link ConflictHandler} decides for one conflict. */
public final class ConflictDecision {
    /** What kind of decision this is; LOCAL and REMOTE are turned into SOURCE or DESTINATION per session. */
    public enum Kind { SOURCE, DESTINATION, LOCAL, REMOTE, MERGE, DEFER, VALUES }

    final Kind kind;
    final @Nullable ConflictDecision secondary;
    final @Nullable Map<Integer, @Nullable Object> values;

    private ConflictDecision(Kind kind, @Nullable ConflictDecision secondary, @Nullable Map<Integer, @Nullable Object> values) {
        this.kind = kind;
        this.secondary = secondary;
        this.values = values;
    }

    private static final ConflictDecision SOURCE = new ConflictDecision(Kind.SOURCE, null, null);
    private static final ConflictDecision DESTINATION = new ConflictDecision(Kind.DESTINATION, null, null);
    private static final ConflictDecision LOCAL = new ConflictDecision(Kind.LOCAL, null, null);
    private static final ConflictDecision REMOTE = new ConflictDecision(Kind.REMOTE, null, null);
    private static final ConflictDecision DEFER = new ConflictDecision(Kind.DEFER, null, null);

    public static ConflictDecision sourceWins() {
        return SOURCE;
    }

    public static ConflictDecision destinationWins() {
        return DESTINATION;
    }

    public static ConflictDecision localWins() {
        return LOCAL;
    }

    public static ConflictDecision remoteWins() {
        return REMOTE;
    }

    public static ConflictDecision defer() {
        return DEFER;
    }

    /** Column-wise merge; units changed on both sides are decided by {@code secondary} (a winner, not a merge). */
    public static ConflictDecision merge(ConflictDecision secondary) {
        Objects.requireNonNull(secondary, "secondary");
        if (secondary.kind == Kind.MERGE || secondary.kind == Kind.VALUES) {
            throw new SyncException("The secondary policy of a merge must pick a winner (source, destination, local, remote or defer)");
        }
        return new ConflictDecision(Kind.MERGE, secondary, null);
    }

    /**
     * Explicit values for the conflicting change units of an update/update or insert/insert conflict
     * (unit index to value); units not named keep the destination's value. The result gets a new
     * version, so it reaches every replica.
     */
    public static ConflictDecision values(Map<Integer, @Nullable Object> values) {
        return new ConflictDecision(Kind.VALUES, null, Map.copyOf(Objects.requireNonNull(values, "values")));
    }

    /** Turns local/remote into source/destination for a session in which the destination is (not) the remote side. */
    ConflictDecision concrete(boolean destinationIsRemote) {
        return switch (kind) {
            case LOCAL -> destinationIsRemote ? SOURCE : DESTINATION;
            case REMOTE -> destinationIsRemote ? DESTINATION : SOURCE;
            case MERGE -> new ConflictDecision(Kind.MERGE, secondary.concrete(destinationIsRemote), null);
            default -> this;
        };
    }

    public Kind kind() {
        return kind;
    }

    /** For a merge: the decision for units changed on both sides. */
    public @Nullable ConflictDecision secondary() {
        return secondary;
    }

    /** For explicit values: unit index to value. */
    public @Nullable Map<Integer, @Nullable Object> values() {
        return values;
    }

    @Override
    public String toString() {
        return kind + (secondary != null ? "(" + secondary + ")" : "") + (values != null ? values.toString() : "");
    }
}
