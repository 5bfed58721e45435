package dev.syncwright.spring;

import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Syncwright on the application's DataSource.
 *
 * <p>{@code syncwright.role=server} (default): provisions the scope when
 * {@code syncwright.provision-on-start=true}, then opens it as the bean {@code syncwrightProvider};
 * with {@code syncwright.client.url}, also a client replica ({@code syncwrightClientProvider}).
 *
 * <p>{@code syncwright.role=client}: opens the server at {@code syncwright.remote.url}
 * ({@code syncwrightRemoteProvider}) and makes the application's DataSource its client
 * ({@code syncwrightProvider}; its tables are created from the server's scope on first start).
 *
 * <p>Both roles: a {@link SyncService}. The providers wait for the application's own database
 * initialization (schema.sql, Flyway, Liquibase) to finish.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
        "org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration",
        "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration"})
@ConditionalOnClass(JdbcSyncProvider.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(prefix = "syncwright", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(SyncwrightProperties.class)
public class SyncwrightAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SyncwrightAutoConfiguration.class);

    /** The scope as configured, when {@code syncwright.tables} lists tables. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnTables
    SyncScope syncwrightScope(SyncwrightProperties properties) {
        return scope(properties);
    }

    static SyncScope scope(SyncwrightProperties properties) {
        List<String> tables = properties.getTables().stream().filter(t -> t != null && !t.isBlank()).map(String::trim).toList();
        return SyncScope.named(properties.getScope()).tables(tables).build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "syncwright", name = "role", havingValue = "server", matchIfMissing = true)
    static class ServerRole {

        @Bean
        @Primary
        @ConditionalOnMissingBean(name = "syncwrightProvider")
        @DependsOnDatabaseInitialization
        JdbcSyncProvider syncwrightProvider(DataSource dataSource, SyncwrightProperties properties) {
            if (properties.isProvisionOnStart()) {
                SyncScope scope = scope(properties);
                var plan = Provisioner.of(dataSource).provision(scope);
                LOG.info("Syncwright: provisioned scope '{}' on {} ({})", scope.name(), plan.dialect(),
                        plan.isEmpty() ? "already up to date" : plan.statements().size() + " statements");
            }
            return JdbcSyncProvider.open(dataSource, properties.getScope());
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnProperty(prefix = "syncwright", name = "client.url")
        PeerDataSource syncwrightClientDataSource(SyncwrightProperties properties) {
            return new PeerDataSource("client", properties.getClient());
        }

        @Bean
        @ConditionalOnProperty(prefix = "syncwright", name = "client.url")
        JdbcSyncProvider syncwrightClientProvider(PeerDataSource syncwrightClientDataSource,
                @Qualifier("syncwrightProvider") JdbcSyncProvider syncwrightProvider) {
            return JdbcSyncProvider.openClient(syncwrightClientDataSource.dataSource(), syncwrightProvider);
        }

        @Bean
        @ConditionalOnMissingBean
        SyncService syncService(SyncwrightProperties properties, @Qualifier("syncwrightProvider") JdbcSyncProvider syncwrightProvider,
                @Qualifier("syncwrightClientProvider") ObjectProvider<JdbcSyncProvider> syncwrightClientProvider) {
            return new SyncService(properties, syncwrightProvider, syncwrightClientProvider.getIfAvailable());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "syncwright", name = "role", havingValue = "client")
    static class ClientRole {

        @Bean(destroyMethod = "close")
        PeerDataSource syncwrightRemoteDataSource(SyncwrightProperties properties) {
            return new PeerDataSource("remote", properties.getRemote());
        }

        @Bean
        JdbcSyncProvider syncwrightRemoteProvider(PeerDataSource syncwrightRemoteDataSource, SyncwrightProperties properties) {
            return JdbcSyncProvider.open(syncwrightRemoteDataSource.dataSource(), properties.getScope());
        }

        @Bean
        @Primary
        @ConditionalOnMissingBean(name = "syncwrightProvider")
        @DependsOnDatabaseInitialization
        JdbcSyncProvider syncwrightProvider(DataSource dataSource,
                @Qualifier("syncwrightRemoteProvider") JdbcSyncProvider syncwrightRemoteProvider) {
            return JdbcSyncProvider.openClient(dataSource, syncwrightRemoteProvider);
        }

        @Bean
        @ConditionalOnMissingBean
        SyncService syncService(SyncwrightProperties properties, @Qualifier("syncwrightProvider") JdbcSyncProvider syncwrightProvider,
                @Qualifier("syncwrightRemoteProvider") JdbcSyncProvider syncwrightRemoteProvider) {
            return new SyncService(properties, syncwrightProvider, syncwrightRemoteProvider);
        }
    }
}
