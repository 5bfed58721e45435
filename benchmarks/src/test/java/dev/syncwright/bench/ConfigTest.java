package dev.syncwright.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void onlyRunsTheNamedGroups() {
        Config c = Config.parse("--only", "download, triggers");
        assertThat(c.runs("download")).isTrue();
        assertThat(c.runs("triggers")).isTrue();
        assertThat(c.runs("upload")).isFalse();
        assertThat(c.toMap()).containsEntry("only", java.util.List.of("download", "triggers"));
    }

    @Test
    void everythingRunsByDefault() {
        Config c = Config.parse();
        assertThat(Config.GROUPS).allMatch(c::runs);
        assertThat(c.toMap()).doesNotContainKey("only");
    }

    @Test
    void anUnknownGroupIsRefusedByName() {
        assertThatThrownBy(() -> Config.parse("--only", "download,uploads"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown group 'uploads'")
                .hasMessageContaining("[download, bootstrap, snapshot, upload, triggers, logical, verify, files, http]");
        assertThatThrownBy(() -> Config.parse("--only")).hasMessageContaining("--only needs a value");
    }
}
