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

    /** The principal of a server that authenticates nobody (tests, a trusted network). */
    public static Principal anonymous() {
        return new Principal("anonymous", Set.of());
    }
}
