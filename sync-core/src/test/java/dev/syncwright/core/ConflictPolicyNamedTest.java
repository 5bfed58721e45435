package dev.syncwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConflictPolicyNamedTest {
    @Test
    void everyAcceptedNameIsAPolicy() {
        assertThat(ConflictPolicy.named("server-wins")).isSameAs(ConflictPolicy.SERVER_WINS);
        assertThat(ConflictPolicy.named("CLIENT_WINS")).isSameAs(ConflictPolicy.CLIENT_WINS);
        assertThat(ConflictPolicy.named("Merge")).hasToString("merge(remote-wins)");
        assertThat(ConflictPolicy.named(" defer ")).hasToString("defer");
        for (String name : ConflictPolicy.NAMES) {
            assertThat(ConflictPolicy.named(name)).isNotNull();
        }
    }

    @Test
    void anUnknownNameIsRefusedNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> ConflictPolicy.named("newest-wins"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown conflict policy 'newest-wins': use one of server-wins, client-wins, merge, defer");
        assertThatThrownBy(() -> ConflictPolicy.named(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
