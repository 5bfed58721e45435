package dev.syncwright.spring;

import dev.syncwright.core.ConflictPolicy;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code syncwright.*} properties. Checked when the application starts: a wrong setting stops
 * the start with a message that names the property.
 *
 * <pre>
 * syncwright.scope=sales
 * syncwright.tables=customers,orders
 * syncwright.provision-on-start=true
 * syncwright.conflict-policy=merge
 * </pre>
 */
@ConfigurationProperties(prefix = "syncwright")
public class SyncwrightProperties implements Validator {

    /** Whether to create the Syncwright beans at all. */
    private boolean enabled = true;

    /**
     * What the application's DataSource is: the server replica of the scope ({@code server}), or a
     * client replica that syncs with the server at syncwright.remote.url ({@code client}).
     */
    private Role role = Role.SERVER;

    /** Name of the sync scope (required), e.g. {@code sales}. */
    private @Nullable String scope;

    /** Tables of the scope; required when syncwright.provision-on-start is true. */
    private List<String> tables = new ArrayList<>();

    /**
     * Server role: provision the scope (add change tracking to syncwright.tables) when the application
     * starts. Idempotent; after ALTER TABLE ... ADD COLUMN it adds the new columns to the scope.
     */
    private boolean provisionOnStart = false;

    /** How a conflict is resolved: server-wins, client-wins, merge (column-wise, server wins columns changed on both sides) or defer (kept in the conflict log, retried on a later sync). */
    private String conflictPolicy = "server-wins";

    /** Which way SyncService.sync() sends changes: both (upload, then download), upload (client to server) or download (server to client). */
    private Direction direction = Direction.BOTH;

    /** At most this many row changes per batch (and per transaction on the receiving side); at least 1. Default: the library's (1000). */
    private @Nullable Integer batchSizeRows;

    /**
     * Server role, optional: a client replica this application keeps in step with its DataSource
     * (e.g. {@code jdbc:sqlite:/var/lib/app/replica.db}); its tables are created on start and
     * SyncService.sync() syncs it.
     */
    private final Peer client = new Peer();

    /** Client role, required: the server replica the application's DataSource syncs with. */
    private final Peer remote = new Peer();

    @Override
    public boolean supports(Class<?> type) {
        return SyncwrightProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        SyncwrightProperties p = (SyncwrightProperties) target;
        if (!p.enabled) {
            return;
        }
        if (p.scope == null || p.scope.isBlank()) {
            errors.rejectValue("scope", "syncwright.scope.required",
                    "syncwright.scope is required: the name of the sync scope, e.g. syncwright.scope=sales");
        }
        if (p.provisionOnStart && p.role == Role.CLIENT) {
            errors.rejectValue("provisionOnStart", "syncwright.provision-on-start.client",
                    "syncwright.provision-on-start applies to syncwright.role=server only; a client's tables are created "
                            + "and provisioned from the server's scope when it starts");
        } else if (p.provisionOnStart && p.tables.stream().allMatch(t -> t == null || t.isBlank())) {
            errors.rejectValue("tables", "syncwright.tables.required",
                    "syncwright.tables must list at least one table when syncwright.provision-on-start=true, "
                            + "e.g. syncwright.tables=customers,orders");
        }
        try {
            ConflictPolicy.named(p.conflictPolicy); // the one parser, shared with the command line
        } catch (IllegalArgumentException e) {
            errors.rejectValue("conflictPolicy", "syncwright.conflict-policy.unknown",
                    "syncwright.conflict-policy: " + e.getMessage());
        }
        if (p.batchSizeRows != null && p.batchSizeRows < 1) {
            errors.rejectValue("batchSizeRows", "syncwright.batch-size-rows.min",
                    "syncwright.batch-size-rows must be at least 1");
        }
        // URLs may carry a password: global errors, so the value is never echoed
        if (p.role == Role.CLIENT) {
            if (blank(p.remote.url)) {
                errors.reject("syncwright.remote.url.required",
                        "syncwright.remote.url is required when syncwright.role=client: the JDBC URL of the server replica, "
                                + "e.g. jdbc:postgresql://server/app");
            }
            if (!blank(p.client.url)) {
                errors.reject("syncwright.client.url.role",
                        "syncwright.client.url is only used when syncwright.role=server; with syncwright.role=client the "
                                + "application's DataSource is the client");
            }
        } else if (!blank(p.remote.url)) {
            errors.reject("syncwright.remote.url.role",
                    "syncwright.remote.url is only used when syncwright.role=client; with syncwright.role=server the "
                            + "application's DataSource is the server (a client replica goes in syncwright.client.url)");
        }
        checkJdbcUrl(errors, "syncwright.client.url", p.client.url);
        checkJdbcUrl(errors, "syncwright.remote.url", p.remote.url);
    }

    private static void checkJdbcUrl(Errors errors, String property, String url) {
        if (!blank(url) && !url.startsWith("jdbc:")) {
            errors.reject(property + ".jdbc", property + " must be a JDBC URL starting with 'jdbc:'");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public @Nullable String getScope() {
        return scope;
    }

    public void setScope(@Nullable String scope) {
        this.scope = scope;
    }

    public List<String> getTables() {
        return tables;
    }

    public void setTables(List<String> tables) {
        this.tables = tables == null ? new ArrayList<>() : new ArrayList<>(tables);
    }

    public boolean isProvisionOnStart() {
        return provisionOnStart;
    }

    public void setProvisionOnStart(boolean provisionOnStart) {
        this.provisionOnStart = provisionOnStart;
    }

    public String getConflictPolicy() {
        return conflictPolicy;
    }

    public void setConflictPolicy(String conflictPolicy) {
        this.conflictPolicy = conflictPolicy;
    }

    public Direction getDirection() {
        return direction;
    }

    public void setDirection(Direction direction) {
        this.direction = direction;
    }

    public @Nullable Integer getBatchSizeRows() {
        return batchSizeRows;
    }

    public void setBatchSizeRows(@Nullable Integer batchSizeRows) {
        this.batchSizeRows = batchSizeRows;
    }

    public Peer getClient() {
        return client;
    }

    public Peer getRemote() {
        return remote;
    }

    /** The application's part in the scope. */
    public enum Role {
        /** The application's DataSource is the server replica. */
        SERVER,
        /** The application's DataSource is a client replica of the server at syncwright.remote.url. */
        CLIENT
    }

    /** Which one-way sessions a sync runs. */
    public enum Direction {
        /** Upload (client to server), then download. */
        BOTH,
        /** Client to server only. */
        UPLOAD,
        /** Server to client only. */
        DOWNLOAD
    }

    /** Another replica, reached by JDBC URL. */
    public static class Peer {

        /** JDBC URL; credentials may also go in username and password. */
        private @Nullable String url;

        /** Database user, if not in the URL. */
        private @Nullable String username;

        /** Database password, if not in the URL. Never logged. */
        private @Nullable String password;

        public @Nullable String getUrl() {
            return url;
        }

        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        @Override
        public String toString() {
            return "Peer[url set: " + (url != null) + "]";
        }
    }
}
