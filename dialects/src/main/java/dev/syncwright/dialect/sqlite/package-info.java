/**
 * SQLite 3.35+ dialect: row triggers, a one-row clock that only the watermark advances (single writer,
 * ADR 011), a context row as the suppression flag. Implementation detail: no compatibility promise;
 * use it through {@link dev.syncwright.dialect.Dialect}.
 */
package dev.syncwright.dialect.sqlite;
