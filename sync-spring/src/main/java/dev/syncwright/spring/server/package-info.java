/**
 * The server role over HTTP in a Spring Boot application ({@code syncwright.server.*}): the sync
 * protocol of {@code sync-http} mounted in the application's servlet container.
 */
package dev.syncwright.spring.server;
