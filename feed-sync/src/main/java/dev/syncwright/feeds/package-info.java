/**
 * Sync Services for FeedSync: RSS 2.0 and Atom 1.0 feeds with FeedSync's {@code sx:} metadata
 * ({@link dev.syncwright.feeds.FeedXml}), the spec's merge ({@link dev.syncwright.feeds.FeedMerge}),
 * and feed endpoints in knowledge-based sessions ({@link dev.syncwright.feeds.FeedReplica}). See ADR 051.
 */
package dev.syncwright.feeds;
