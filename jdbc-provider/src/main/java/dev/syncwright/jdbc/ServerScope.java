package dev.syncwright.jdbc;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.ColumnDomain;
import dev.syncwright.dialect.ServerTypes;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TypeMapping;
import dev.syncwright.tracking.ScopeDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A server's scope as a client needs it to create and adapt its own tables
 * ({@link JdbcSyncProvider#openClient(javax.sql.DataSource, ServerScope)}): the scope's definition,
 * and for each column the values the server's column holds and, where no client can hold them, why.
 * Made by the server from its dialect ({@link #of}); a client that reaches its server over HTTP
 * receives it, so that it needs no connection to the server's database and no knowledge of its kind.
 */
public final class ServerScope implements ServerTypes {
    /** What one server column holds ({@code problem}: why no client can hold it, or null). {@code table} as the scope names it. */
    public record Column(String table, String column, ColumnDomain domain, String problem) {
        public Column {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(domain, "domain");
        }
    }

    private final ScopeDefinition definition;
    private final List<Column> columns;
    private final Map<ColumnDefinition, Column> byColumn = new HashMap<>();

    /** Checks that every column named is one of the definition's: a description of another scope is refused. */
    public ServerScope(ScopeDefinition definition, List<Column> columns) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.columns = List.copyOf(columns);
        for (Column c : this.columns) {
            TableDefinition t = definition.tables().stream().filter(d -> d.name().toString().equals(c.table())).findFirst()
                    .orElseThrow(() -> new SyncException("The description of scope '" + definition.name() + "' names table "
                            + c.table() + ", which its definition lacks"));
            ColumnDefinition col = t.column(c.column()).orElseThrow(() -> new SyncException("The description of scope '"
                    + definition.name() + "' names column " + c.table() + "." + c.column() + ", which its definition lacks"));
            byColumn.put(col, c);
        }
    }

    /** The scope of a server replica, described by its own dialect. */
    public static ServerScope of(JdbcSyncProvider server) {
        TypeMapping types = server.dialect().types();
        List<Column> columns = new ArrayList<>();
        for (TableDefinition t : server.definition().tables()) {
            for (ColumnDefinition c : t.columns()) {
                columns.add(new Column(t.name().toString(), c.name(), types.domain(c), types.roundTripProblem(t, c).orElse(null)));
            }
        }
        return new ServerScope(server.definition(), columns);
    }

    public ScopeDefinition definition() {
        return definition;
    }

    public List<Column> columns() {
        return columns;
    }

    @Override
    public ColumnDomain domain(ColumnDefinition c) {
        Column known = byColumn.get(c);
        return known != null ? known.domain() : ColumnDomain.of(c); // a column not described: only its portable type is known
    }

    @Override
    public Optional<String> roundTripProblem(TableDefinition t, ColumnDefinition c) {
        Column known = byColumn.get(c);
        return known == null ? Optional.empty() : Optional.ofNullable(known.problem());
    }
}
