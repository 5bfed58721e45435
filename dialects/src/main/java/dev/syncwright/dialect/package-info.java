/**
 * The dialect SPI: what Syncwright needs from each database family (quoting, type mapping, tracking
 * DDL and triggers, the commit-safe tick, trigger suppression), found with {@link dev.syncwright.dialect.Dialects}.
 * Implementations live in {@code dev.syncwright.dialect.<family>} packages.
 */
package dev.syncwright.dialect;
