package dev.syncwright.dialect;

import java.util.List;
import java.util.Objects;

/**
 * A query of one value, with the values its placeholders take, in order: for folding into another
 * statement as a scalar subquery (ADR 060), or for running alone.
 */
public record BoundQuery(String sql, List<Object> values) {
    public BoundQuery {
        Objects.requireNonNull(sql, "sql");
        values = List.copyOf(values);
    }
}
