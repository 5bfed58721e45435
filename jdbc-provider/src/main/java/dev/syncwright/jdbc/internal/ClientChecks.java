package dev.syncwright.jdbc.internal;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.ServerTypes;
import java.util.List;

/**
 * CHECK constraints that make a client refuse, when the application writes it, a value the server's
 * column would refuse or change. The server's dialect describes the column's {@link
 * dev.syncwright.dialect.ColumnDomain}; the client's dialect states what its own type does not
 * enforce of it ({@link dev.syncwright.dialect.TypeMapping#check}); an enumeration's members are
 * checked the same way everywhere.
 */
final class ClientChecks {
    private ClientChecks() {
    }

    /** The CHECK expression for column {@code c} of a client of dialect {@code local}, or null. */
    static String check(Dialect local, ServerTypes server, ColumnDefinition c) {
        String q = local.names().quote(c.name());
        String members = c.allowedValues() != null && !c.generated() ? members(local, q, c) : null;
        return local.types().check(q, c, ClientDdl.domain(server, c), members);
    }

    /**
     * An enumeration: one of its members. A MySQL SET: a comma-separated list of members, which the
     * check strips member by member (each appears once; MySQL itself drops duplicates and sorts).
     */
    private static String members(Dialect local, String q, ColumnDefinition c) {
        List<String> literals = c.allowedValues().stream().map(local.names()::literal).toList();
        if (!c.multipleValues()) {
            return q + " IN (" + String.join(", ", literals) + ")";
        }
        String rest = "',' || " + q + " || ','";
        for (String m : c.allowedValues()) {
            rest = "replace(" + rest + ", " + local.names().literal("," + m + ",") + ", ',')";
        }
        return "(" + q + " = '' OR " + rest + " = ',')";
    }
}
