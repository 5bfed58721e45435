package dev.syncwright.tracking.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.syncwright.core.SyncException;
import dev.syncwright.tracking.ScopeDefinition;

/** The scope definition as stored in the scope table (JSON text). Unknown fields are ignored (newer writers). */
public final class DefinitionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private DefinitionJson() {
    }

    public static String write(ScopeDefinition definition) {
        try {
            return MAPPER.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new SyncException("Cannot write the definition of scope '" + definition.name() + "' as JSON", e);
        }
    }

    public static ScopeDefinition read(String scope, String json) {
        try {
            return MAPPER.readValue(json, ScopeDefinition.class);
        } catch (JsonProcessingException e) {
            throw new SyncException("The stored definition of scope '" + scope + "' is not valid: " + e.getOriginalMessage(), e);
        }
    }
}
