package dev.syncwright.http;

import java.util.Optional;

/**
 * Establishes who a request is from, from its {@code Authorization} header (null when absent).
 * Empty: the request is refused with 401 before anything is read or written.
 */
@FunctionalInterface
public interface Authenticator {
    Optional<Principal> authenticate(String authorization);

    /** Everyone is the anonymous principal: only for tests and trusted networks. */
    static Authenticator none() {
        return header -> Optional.of(Principal.anonymous());
    }
}
