package dev.syncwright.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where the operations live under a server's URL: at its root, or under the path an application serves at. */
class HttpCallsTest {
    @Test
    void theOperationsLiveUnderTheServersPath() {
        assertThat(HttpCalls.endpoints(URI.create("http://h:8080"), "shop")).hasToString("http://h:8080/syncwright/v1/shop/");
        assertThat(HttpCalls.endpoints(URI.create("http://h:8080/"), "shop")).hasToString("http://h:8080/syncwright/v1/shop/");
        assertThat(HttpCalls.endpoints(URI.create("https://h/app"), "shop")).hasToString("https://h/app/syncwright/v1/shop/");
        assertThat(HttpCalls.endpoints(URI.create("https://h/a/b//"), "s")).hasToString("https://h/a/b/syncwright/v1/s/");
        assertThatThrownBy(() -> HttpCalls.endpoints(URI.create("https://h/app?x=1"), "shop")).isInstanceOf(SyncException.class)
                .hasMessageContaining("must not have a query");
    }
}
