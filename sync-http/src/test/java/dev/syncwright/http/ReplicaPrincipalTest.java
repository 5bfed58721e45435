package dev.syncwright.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A client replica syncs as one principal (ADR 064): a token of another principal may not write as it,
 * so no holder of a valid token can make another client's changes look known and be skipped.
 */
class ReplicaPrincipalTest extends HttpFixture {
    private static final String ALICE = "alice-token-0123456789";
    private static final String BOB = "bob-token-0123456789";

    private SyncHttpServer withTokens() throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, ALICE + " alice shop\n" + BOB + " bob shop\n");
        return serve(BearerTokens.fromFile(tokens));
    }

    @Test
    void anotherPrincipalMayNotWriteAsAReplicaAndNothingOfItsUploadIsApplied() throws Exception {
        SyncHttpServer s = withTokens();
        DataSource a = client();
        sync(a, remote(s, ALICE));
        assertThat(bindings()).containsExactly(JdbcSyncProvider.open(a, SCOPE).replicaId() + " alice");

        exec(a, "UPDATE items SET name = 'by alice' WHERE id = 1");
        List<String> before = rows(server.dataSource());
        // bob's token on alice's replica: the identity record it would move is alice's replica's
        assertThatThrownBy(() -> sync(a, remote(s, BOB))).isInstanceOf(SyncException.class).hasMessageContaining("403")
                .hasMessageContaining("FORBIDDEN").hasMessageContaining("another principal").hasMessageNotContaining("alice");
        assertThat(rows(server.dataSource())).as("nothing of bob's attempt").isEqualTo(before);

        // bob's own replica may sync, and alice's change still reaches the server through alice
        DataSource b = client();
        sync(b, remote(s, BOB));
        sync(a, remote(s, ALICE));
        assertThat(rows(server.dataSource())).contains("1|by alice|1");
        sync(b, remote(s, BOB));
        assertThat(rows(b)).isEqualTo(rows(server.dataSource()));
        assertThat(bindings()).hasSize(2).anyMatch(x -> x.endsWith(" bob"));
    }

    @Test
    void anUploadUnderAnotherPrincipalsReplicaIdIsRefusedBeforeAnythingIsApplied() throws Exception {
        SyncHttpServer s = withTokens();
        DataSource a = client();
        sync(a, remote(s, ALICE));
        // bob sends an upload whose source is alice's replica, as a hostile client can: straight to apply
        HttpSyncProvider asBob = remote(s, BOB);
        JdbcSyncProvider aliceReplica = JdbcSyncProvider.open(a, SCOPE);
        exec(a, "UPDATE items SET name = 'forged' WHERE id = 2");
        List<String> before = rows(server.dataSource());
        assertThatThrownBy(() -> SyncOrchestrator.between(aliceReplica, new SkipIdentity(asBob)).run())
                .hasMessageContaining("403").hasMessageContaining("FORBIDDEN");
        assertThat(rows(server.dataSource())).isEqualTo(before);
    }

    @Test
    void aServerThatAuthenticatesNobodyBindsNothing() throws Exception {
        SyncHttpServer s = serve(Authenticator.none());
        DataSource a = client();
        sync(a, remote(s, null));
        exec(a, "UPDATE items SET name = 'anonymous' WHERE id = 3");
        sync(a, remote(s, null));
        assertThat(rows(server.dataSource())).contains("3|anonymous|3");
        assertThat(bindings()).isEmpty();
    }

    @Test
    void aDatabaseProvisionedBeforeTheTableIsRefusedWithTheFixUntilItIsProvisionedAgain() throws Exception {
        exec(server.dataSource(), "DROP TABLE syncwright.replica_principals");
        SyncHttpServer s = withTokens();
        DataSource a = client();
        assertThatThrownBy(() -> sync(a, remote(s, ALICE))).hasMessageContaining("409").hasMessageContaining("replica_principals")
                .hasMessageContaining("syncwright provision");
        Provisioner.of(server.dataSource()).provision(SyncScope.named(SCOPE).tables("items").build());
        sync(a, remote(s, ALICE));
        assertThat(rows(a)).isEqualTo(rows(server.dataSource()));
        assertThat(bindings()).hasSize(1);
    }

    private List<String> bindings() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT replica_id, principal FROM syncwright.replica_principals ORDER BY bound_at")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    /** A remote that does not remember peers: the session skips the identity check and goes straight to its upload. */
    private static final class SkipIdentity extends dev.syncwright.core.spi.ForwardingSyncProvider {
        SkipIdentity(HttpSyncProvider delegate) {
            super(delegate);
        }

        @Override
        public boolean remembersPeers() {
            return false;
        }
    }
}
