/**
 * The JDBC side of Syncwright: the provider over a {@code DataSource} and the JDBC Metadata Storage
 * Service ({@link dev.syncwright.jdbc.metadata.JdbcMetadataStore}). Database errors surface as
 * {@link dev.syncwright.dialect.SqlFailure}, which keeps SQLState and vendor code.
 */
@NullMarked
package dev.syncwright.jdbc;

import org.jspecify.annotations.NullMarked;
