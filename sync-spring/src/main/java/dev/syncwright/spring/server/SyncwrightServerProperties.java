package dev.syncwright.spring.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code syncwright.server.*} properties: the application serves the sync protocol to devices
 * (HTTP clients, docs/protocol.md) from its own DataSource, under {@code /syncwright/*}.
 *
 * <pre>
 * syncwright.server.enabled=true
 * syncwright.server.scopes=sales
 * syncwright.server.jwt.hmac-secret-file=/run/secrets/sync-jwt
 * </pre>
 *
 * Exactly one way to authenticate devices is required: a token file, a JWT key, an
 * {@link dev.syncwright.http.Authenticator} bean of the application's, or
 * {@code syncwright.server.authentication=none} said out loud (trusted networks and tests only).
 */
@ConfigurationProperties(prefix = "syncwright.server")
public class SyncwrightServerProperties implements Validator {

    /** Serve the sync protocol at /syncwright/* (off by default). */
    private boolean enabled = false;

    /** The scopes served (empty: every scope provisioned in the DataSource's database). */
    private List<String> scopes = new ArrayList<>();

    /** Bearer tokens, one per line: TOKEN NAME [SCOPE,SCOPE...]. */
    private Path tokensFile;

    /** {@code none}: every request is anonymous and may sync every served scope. Only for trusted networks and tests. */
    private String authentication;

    /** The largest request body accepted, after decompression, in bytes; at least 1024. */
    private long maxBodyBytes = 64L << 20;

    /** Requests served at once; more get 503 with Retry-After; at least 1. */
    private int maxConcurrentRequests = 16;

    /**
     * Whether clients may also upload changes of other replicas they synced with (a regional replica
     * serving devices); by default a client uploads its own changes only (ADR 058).
     */
    private boolean allowRelays;

    private final Jwt jwt = new Jwt();

    /** Served snapshots for new devices (ADR 066): made in {@code dir}, renewed every {@code every}. */
    private final Snapshots snapshots = new Snapshots();

    public static class Snapshots {
        /** Where to keep a snapshot of each served scope; unset: no snapshots, new devices download row by row. */
        private Path dir;

        /** How often a new snapshot is made (a device starting from an older one downloads what changed since). */
        private java.time.Duration every = java.time.Duration.ofMinutes(60);

        public Path getDir() {
            return dir;
        }

        public void setDir(Path dir) {
            this.dir = dir;
        }

        public java.time.Duration getEvery() {
            return every;
        }

        public void setEvery(java.time.Duration every) {
            this.every = every;
        }
    }

    public Snapshots getSnapshots() {
        return snapshots;
    }

    /** JWT bearer tokens ({@code sub} names the device, {@code scope} lists its scopes). */
    public static class Jwt {
        /** A file holding the HMAC secret (at least 32 bytes) the tokens are signed with. */
        private Path hmacSecretFile;

        /** A PEM public key (RSA or EC) or JWK set file the tokens' signatures are verified with. */
        private Path publicKeyFile;

        /** When set, a token's iss must equal it. */
        private String issuer;

        /** When set, a token's aud must include it. */
        private String audience;

        public Path getHmacSecretFile() {
            return hmacSecretFile;
        }

        public void setHmacSecretFile(Path hmacSecretFile) {
            this.hmacSecretFile = hmacSecretFile;
        }

        public Path getPublicKeyFile() {
            return publicKeyFile;
        }

        public void setPublicKeyFile(Path publicKeyFile) {
            this.publicKeyFile = publicKeyFile;
        }

        public String getIssuer() {
            return issuer;
        }

        public void setIssuer(String issuer) {
            this.issuer = issuer;
        }

        public String getAudience() {
            return audience;
        }

        public void setAudience(String audience) {
            this.audience = audience;
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return SyncwrightServerProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        SyncwrightServerProperties p = (SyncwrightServerProperties) target;
        if (!p.enabled) {
            return;
        }
        int ways = (p.tokensFile != null ? 1 : 0) + (p.jwt.hmacSecretFile != null ? 1 : 0) + (p.jwt.publicKeyFile != null ? 1 : 0)
                + (p.authentication != null ? 1 : 0);
        if (ways > 1) {
            errors.reject("syncwright.server.authentication.ambiguous", "Set only one of syncwright.server.tokens-file, "
                    + "syncwright.server.jwt.hmac-secret-file, syncwright.server.jwt.public-key-file and syncwright.server.authentication");
        }
        if (p.authentication != null && !p.authentication.equals("none")) {
            errors.rejectValue("authentication", "syncwright.server.authentication.value",
                    "syncwright.server.authentication accepts only 'none' (every request anonymous); was '" + p.authentication + "'");
        }
        if (p.maxBodyBytes < 1024) {
            errors.rejectValue("maxBodyBytes", "syncwright.server.max-body-bytes.min",
                    "syncwright.server.max-body-bytes must be at least 1024; was " + p.maxBodyBytes);
        }
        if (p.snapshots.dir != null && p.snapshots.every.compareTo(java.time.Duration.ofMinutes(1)) < 0) {
            errors.rejectValue("snapshots.every", "syncwright.server.snapshots.every.min",
                    "syncwright.server.snapshots.every must be at least a minute; was " + p.snapshots.every);
        }
        if (p.maxConcurrentRequests < 1) {
            errors.rejectValue("maxConcurrentRequests", "syncwright.server.max-concurrent-requests.min",
                    "syncwright.server.max-concurrent-requests must be at least 1; was " + p.maxConcurrentRequests);
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    public Path getTokensFile() {
        return tokensFile;
    }

    public void setTokensFile(Path tokensFile) {
        this.tokensFile = tokensFile;
    }

    public String getAuthentication() {
        return authentication;
    }

    public void setAuthentication(String authentication) {
        this.authentication = authentication;
    }

    public long getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public int getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    public void setMaxConcurrentRequests(int maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public boolean isAllowRelays() {
        return allowRelays;
    }

    public void setAllowRelays(boolean allowRelays) {
        this.allowRelays = allowRelays;
    }

    public Jwt getJwt() {
        return jwt;
    }
}
