package dev.syncwright.dialect;

/**
 * What the JDBC metadata store's own tables need on one database beyond what jOOQ renders for its
 * {@link Dialect#sqlDialect()} ({@link Dialect#metadataTables()}). Column types are jOOQ's standard
 * types (BLOB, CLOB, BIGINT...), rendered natively per database.
 *
 * @param maxKeyBytes      the longest binary key an index holds (keys are then VARBINARY of that
 *                         length), 0 when keys are unbounded
 * @param keyedTableSuffix what a table with a primary key gets after its closing parenthesis ("" or " WITHOUT ROWID")
 * @param tableOptions     what every table gets after that (engine, character set), or ""
 * @param inlineIndexes    indexes are declared inside CREATE TABLE (there is no CREATE INDEX IF NOT EXISTS)
 */
public record MetadataTables(int maxKeyBytes, String keyedTableSuffix, String tableOptions, boolean inlineIndexes) {
}
