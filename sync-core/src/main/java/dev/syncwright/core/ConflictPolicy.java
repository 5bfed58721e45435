package dev.syncwright.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How concurrency conflicts are resolved, chosen once per sync. Policies name either the direction
 * of a session (source/destination) or the side of the orchestrated pair (local/remote; the remote
 * side is the server in a client/server setup). Every resolution that keeps or produces a value
 * gives it a new local version, so the outcome reaches every replica and all converge.
 */
public final class ConflictPolicy {
    private final String name;
    private final ConflictHandler handler;

    private ConflictPolicy(String name, ConflictHandler handler) {
        this.name = name;
        this.handler = handler;
    }

    /** The remote (server) side wins. */
    public static final ConflictPolicy SERVER_WINS = remoteWins();
    /** The local (client) side wins. */
    public static final ConflictPolicy CLIENT_WINS = localWins();

    public static ConflictPolicy sourceWins() {
        return new ConflictPolicy("source-wins", c -> ConflictDecision.sourceWins());
    }

    public static ConflictPolicy destinationWins() {
        return new ConflictPolicy("destination-wins", c -> ConflictDecision.destinationWins());
    }

    public static ConflictPolicy remoteWins() {
        return new ConflictPolicy("remote-wins", c -> ConflictDecision.remoteWins());
    }

    public static ConflictPolicy localWins() {
        return new ConflictPolicy("local-wins", c -> ConflictDecision.localWins());
    }

    /** Keep every conflict in the conflict log and retry it on a later sync. */
    public static ConflictPolicy defer() {
        return new ConflictPolicy("defer", c -> ConflictDecision.defer());
    }

    /**
     * Column-wise merge: a unit changed on one side only is taken from that side (no conflict); a
     * unit changed on both, and delete-versus-update, are decided by {@code secondary}.
     */
    public static ConflictPolicy merge(ConflictPolicy secondary) {
        Objects.requireNonNull(secondary, "secondary");
        if (secondary.name.startsWith("merge") || secondary.name.equals("custom")) {
            throw new SyncException("The secondary policy of merge must be source-wins, destination-wins, local-wins, remote-wins or defer, not " + secondary);
        }
        return new ConflictPolicy("merge(" + secondary.name + ")",
                c -> ConflictDecision.merge(secondary.handler.resolve(c)));
    }

    /** The names {@link #named} accepts, as the command line and the Spring properties spell them. */
    public static final List<String> NAMES = List.of("server-wins", "client-wins", "merge", "defer");

    /**
     * The policy a user chose by name: {@code server-wins}, {@code client-wins}, {@code merge}
     * (column-wise, the server wins a column changed on both sides) or {@code defer}. Case and
     * {@code _} for {@code -} do not matter, so {@code SERVER_WINS} is accepted too.
     *
     * @throws IllegalArgumentException naming the accepted names, for any other name
     */
    public static ConflictPolicy named(@Nullable String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (key) {
            case "server-wins" -> SERVER_WINS;
            case "client-wins" -> CLIENT_WINS;
            case "merge" -> merge(SERVER_WINS);
            case "defer" -> defer();
            default -> throw new IllegalArgumentException("unknown conflict policy '" + name + "': use one of "
                    + String.join(", ", NAMES));
        };
    }

    public static ConflictPolicy custom(ConflictHandler handler) {
        return new ConflictPolicy("custom", Objects.requireNonNull(handler, "handler"));
    }

    /** The concrete decision for a conflict in a session whose destination is (or is not) the remote side. */
    public ConflictDecision decide(Conflict conflict) {
        ConflictDecision d = handler.resolve(conflict);
        if (d == null) {
            throw new SyncException("Conflict handler " + name + " returned no decision for " + conflict);
        }
        return d.concrete(conflict.destinationIsRemote());
    }

    @Override
    public String toString() {
        return name;
    }
}
