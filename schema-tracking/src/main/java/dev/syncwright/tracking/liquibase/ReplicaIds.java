package dev.syncwright.tracking.liquibase;

import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.SqlStatement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A changelog is applied to many databases (dev, test, production, every client), but the plan's
 * scope row carries the one replica id drawn when the plan was made. Two replicas sharing an id would
 * take each other's changes for their own (DESIGN §2), so the literal is replaced by an expression
 * that draws a fresh UUID in each database the changelog runs in.
 */
final class ReplicaIds {
    private static final Pattern UUID_LITERAL =
            Pattern.compile("'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'");

    /** A random version-4 UUID in SQLite, which has no UUID function. */
    private static final String SQLITE = "(SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3)"
            + " || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12))"
            + " FROM (SELECT hex(randomblob(16)) AS h))";

    private ReplicaIds() {
    }

    static Optional<String> expression(String dialectId) {
        return switch (dialectId) {
            case "postgres" -> Optional.of("gen_random_uuid()::text"); // core since PostgreSQL 13, our minimum
            case "mysql", "mariadb" -> Optional.of("UUID()");
            case "sqlite" -> Optional.of(SQLITE);
            default -> Optional.empty();
        };
    }

    /**
     * The scope insert with its replica-id literal (the literal right after the scope name)
     * replaced; unchanged when the dialect or the statement's shape is unknown.
     */
    static SqlStatement fresh(SqlStatement insertScope, String scope, SqlNames names, String dialectId) {
        Optional<String> expr = expression(dialectId);
        String sql = insertScope.sql();
        String prefix = "VALUES (" + names.literal(scope) + ", ";
        int from = sql.indexOf(prefix);
        if (expr.isEmpty() || from < 0) {
            return insertScope;
        }
        Matcher m = UUID_LITERAL.matcher(sql);
        if (!m.find(from + prefix.length()) || m.start() != from + prefix.length()) {
            return insertScope;
        }
        String replaced = sql.substring(0, m.start()) + expr.get() + sql.substring(m.end());
        return new SqlStatement(insertScope.kind(), insertScope.object(), replaced);
    }
}
