/** Implementation of the JDBC provider. No compatibility promise: anything here may change in any release. */
package dev.syncwright.jdbc.internal;
