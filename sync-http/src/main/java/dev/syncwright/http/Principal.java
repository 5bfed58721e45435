package dev.syncwright.http;

import java.util.Set;

/**
 * Who a request is from, as the {@link Authenticator} established it: a name for the logs, and the
 * scopes it may sync (empty: every scope). Handed to the {@link ScopeResolver}, so that a provider
 * can serve each client its own rows.
 */
public record Principal(String name, Set<String> scopes) {
    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean may(String scope) {
        return scopes.isEmpty() || scopes.contains(scope);
    }

    private static final Principal ANONYMOUS = new Principal("anonymous", Set.of());

    /** The principal of a server that authenticates nobody (tests, a trusted network). */
    public static Principal anonymous() {
        return ANONYMOUS;
    }

    /**
     * False only for {@link #anonymous()}: a server that authenticates nobody binds no client replica
     * to a principal (ADR 064), so a deployment that adds tokens later does not find its replicas bound
     * to nobody in particular.
     */
    public boolean authenticated() {
        return this != ANONYMOUS;
    }
}
