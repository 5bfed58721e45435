/**
 * The implementation of FeedSync: the hardened StAX reader, the writer, the typed value codec and
 * the feed store under {@link dev.syncwright.feeds.FeedReplica}. No compatibility promise.
 */
package dev.syncwright.feeds.internal;
