/**
 * PostgreSQL 13+ dialect: statement-level triggers with transition tables, a sequence clock with
 * transaction floors registered as advisory locks (ADR 011). Implementation detail: no compatibility
 * promise; use it through {@link dev.syncwright.dialect.Dialect}.
 */
package dev.syncwright.dialect.postgres;
