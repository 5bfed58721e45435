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

    private ReplicaIds() {
    }

    /**
     * The scope insert with its replica-id literal (the literal right after the scope name)
     * replaced by {@code expr} (the dialect's random UUID); unchanged without one or when the statement's shape is unknown.
     */
    static SqlStatement fresh(SqlStatement insertScope, String scope, SqlNames names, Optional<String> expr) {
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
