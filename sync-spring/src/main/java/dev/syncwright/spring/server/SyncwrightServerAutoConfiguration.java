package dev.syncwright.spring.server;

import dev.syncwright.core.SyncException;
import dev.syncwright.http.Authenticator;
import dev.syncwright.http.BearerTokens;
import dev.syncwright.http.JdbcScopes;
import dev.syncwright.http.JwtTokens;
import dev.syncwright.http.SyncHttpHandler;
import dev.syncwright.jdbc.SnapshotPublisher;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The server role over HTTP: {@code syncwright.server.enabled=true} mounts the sync protocol at
 * {@code /syncwright/*} in the application's servlet container, serving the scopes of the
 * application's DataSource. Stateless (ADR 046): instances of the application behind a load
 * balancer answer any request. Needs {@code sync-http} on the class path.
 */
@AutoConfiguration(afterName = "dev.syncwright.spring.SyncwrightAutoConfiguration")
@ConditionalOnClass({SyncHttpHandler.class, ServletRegistrationBean.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(prefix = "syncwright.server", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(SyncwrightServerProperties.class)
public class SyncwrightServerAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SyncwrightServerAutoConfiguration.class);

    /** The authenticator the properties name; an application's own Authenticator bean takes its place. */
    @Bean
    @ConditionalOnMissingBean
    Authenticator syncwrightAuthenticator(SyncwrightServerProperties p) {
        SyncwrightServerProperties.Jwt jwt = p.getJwt();
        if (p.getTokensFile() != null) {
            return BearerTokens.fromFile(p.getTokensFile());
        }
        if (jwt.getHmacSecretFile() != null) {
            return JwtTokens.hmacSecretFile(jwt.getHmacSecretFile(), jwt.getIssuer(), jwt.getAudience());
        }
        if (jwt.getPublicKeyFile() != null) {
            return JwtTokens.publicKeys(jwt.getPublicKeyFile(), jwt.getIssuer(), jwt.getAudience());
        }
        if ("none".equals(p.getAuthentication())) {
            LOG.warn("Syncwright server: syncwright.server.authentication=none: every request may sync every served scope");
            return Authenticator.none();
        }
        throw new SyncException("syncwright.server.enabled=true needs a way to authenticate devices: set "
                + "syncwright.server.tokens-file, syncwright.server.jwt.hmac-secret-file or syncwright.server.jwt.public-key-file, "
                + "define an Authenticator bean, or set syncwright.server.authentication=none on a trusted network");
    }

    /**
     * With {@code syncwright.server.snapshots.dir}: a snapshot of each served scope for new devices
     * (ADR 066), of {@code syncwright.server.scopes}, else of the application's {@code syncwright.scope}.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "syncwright.server.snapshots", name = "dir")
    @ConditionalOnMissingBean
    SnapshotPublisher syncwrightSnapshots(DataSource dataSource, SyncwrightServerProperties p,
            org.springframework.core.env.Environment env) {
        List<String> scopes = p.getScopes().isEmpty() ? Optional.ofNullable(env.getProperty("syncwright.scope")).map(List::of)
                .orElse(List.of()) : p.getScopes();
        if (scopes.isEmpty()) {
            throw new SyncException("syncwright.server.snapshots.dir needs the scopes to keep snapshots of: set "
                    + "syncwright.server.scopes (or syncwright.scope)");
        }
        LOG.info("Syncwright server: snapshots of {} for new devices in {}, renewed every {}", scopes, p.getSnapshots().getDir(),
                p.getSnapshots().getEvery());
        return SnapshotPublisher.start(dataSource, scopes, p.getSnapshots().getDir(), p.getSnapshots().getEvery());
    }

    @Bean
    @ConditionalOnMissingBean
    SyncHttpHandler syncwrightHttpHandler(DataSource dataSource, Authenticator authenticator, SyncwrightServerProperties p,
            ObjectProvider<SnapshotPublisher> snapshots) {
        JdbcScopes scopes = JdbcScopes.of(dataSource, p.getScopes().toArray(String[]::new));
        SnapshotPublisher publisher = snapshots.getIfAvailable();
        return new SyncHttpHandler(publisher == null ? scopes : scopes.withSnapshots(publisher), authenticator,
                p.getMaxBodyBytes(), p.getMaxConcurrentRequests(), p.isAllowRelays());
    }

    @Bean
    ServletRegistrationBean<SyncServlet> syncwrightServlet(SyncHttpHandler handler, SyncwrightServerProperties p) {
        ServletRegistrationBean<SyncServlet> bean = new ServletRegistrationBean<>(new SyncServlet(handler), "/syncwright/*");
        bean.setName("syncwright");
        LOG.info("Syncwright server: the sync protocol is served at /syncwright/v1/ ({})",
                p.getScopes().isEmpty() ? "every provisioned scope" : "scopes " + String.join(", ", p.getScopes()));
        return bean;
    }
}
