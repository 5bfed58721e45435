package dev.syncwright.dialect;

/**
 * A statement that writes many rows with one tuple of parameters per row (ADR 062): {@code head}, the
 * first row's tuple, then {@code separator} and {@code next} for each further row, then {@code tail}.
 * The first tuple may differ from the others: PostgreSQL types a VALUES list by its first row, so only
 * that one carries casts. Rendered once per table and shape; the values are always bound.
 *
 * @param parametersPerRow the parameters of one tuple
 */
public record RowTemplate(String head, String first, String separator, String next, String tail, int parametersPerRow) {

    /** The statement for {@code rows} rows (at least one). */
    public String sql(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows: " + rows);
        }
        StringBuilder b = new StringBuilder(head.length() + tail.length() + first.length()
                + (rows - 1) * (separator.length() + next.length()));
        b.append(head).append(first);
        for (int i = 1; i < rows; i++) {
            b.append(separator).append(next);
        }
        return b.append(tail).toString();
    }
}
