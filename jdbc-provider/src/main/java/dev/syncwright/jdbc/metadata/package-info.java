/**
 * The Metadata Storage Service on JDBC: {@link dev.syncwright.jdbc.metadata.JdbcMetadataStore}
 * keeps a replica's id, clock, knowledge, item metadata, custom-field index and conflict log in
 * tables named {@code syncwright_meta_*}, by default in a SQLite file next to the application.
 */
package dev.syncwright.jdbc.metadata;
