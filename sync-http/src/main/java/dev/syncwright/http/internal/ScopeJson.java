package dev.syncwright.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwright.core.SyncException;
import dev.syncwright.jdbc.ServerScope;
import dev.syncwright.tracking.ScopeDefinition;
import java.util.List;

/** A server's description of its scope ({@link ServerScope}) as JSON, the body of the {@code definition} operation. */
public final class ScopeJson {
    // unknown fields are ignored: a newer server may say more than this client reads
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ScopeJson() {
    }

    private record Body(ScopeDefinition definition, List<ServerScope.Column> columns) {}

    public static String write(ServerScope scope) {
        try {
            return JSON.writeValueAsString(new Body(scope.definition(), scope.columns()));
        } catch (JsonProcessingException e) {
            throw new SyncException("Cannot write the description of scope '" + scope.definition().name() + "' as JSON", e);
        }
    }

    /** @throws SyncException when the text is not a description of a scope */
    public static ServerScope read(String scope, String json) {
        try {
            Body b = JSON.readValue(json, Body.class);
            if (b == null || b.definition() == null || b.columns() == null) {
                throw new SyncException("The server's description of scope '" + scope + "' lacks its definition or columns");
            }
            return new ServerScope(b.definition(), b.columns());
        } catch (JsonProcessingException e) {
            throw new SyncException("The server's description of scope '" + scope + "' is not valid: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SyncException("The server's description of scope '" + scope + "' is not valid: " + e.getMessage(), e);
        }
    }
}
