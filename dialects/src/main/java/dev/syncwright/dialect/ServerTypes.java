package dev.syncwright.dialect;

import java.util.Optional;

/**
 * What a client needs to know of a server's columns to create its own tables: the values each holds
 * and what no client can hold. A server's {@link TypeMapping} answers it from its native types; a
 * client that reaches its server over HTTP gets the same answers in the scope's description.
 */
public interface ServerTypes {

    /** The values column {@code c} of this database holds. */
    ColumnDomain domain(ColumnDefinition c);

    /** Why the values of this database's column {@code c} cannot round-trip through any client, if they cannot. */
    default Optional<String> roundTripProblem(TableDefinition t, ColumnDefinition c) {
        return Optional.empty();
    }
}
