package dev.syncwright.dialect;

/**
 * The column types and table options of the JDBC metadata store's own tables on one database
 * ({@link Dialect#metadataTypes()}).
 *
 * @param blobType        a binary value of any length
 * @param textType        a text of any length
 * @param keyType         a binary key of any length, or a format with one {@code %d} (the key's byte
 *                        limit) where keys are bounded ({@code maxKeyBytes} &gt; 0)
 * @param maxKeyBytes     the longest binary key an index holds, 0 when unbounded
 * @param keyedTableSuffix what a table with a primary key gets after its closing parenthesis ("" or " WITHOUT ROWID")
 * @param tableOptions    what every table gets after that (engine, character set), or ""
 * @param inlineIndexes   indexes are declared inside CREATE TABLE (there is no CREATE INDEX IF NOT EXISTS)
 */
public record MetadataTypes(String blobType, String textType, String keyType, int maxKeyBytes, String keyedTableSuffix,
                            String tableOptions, boolean inlineIndexes) {

    /** The type of a binary key of at most {@code bytes} bytes. */
    public String keyType(int bytes) {
        return maxKeyBytes == 0 ? keyType : String.format(java.util.Locale.ROOT, keyType, bytes);
    }
}
