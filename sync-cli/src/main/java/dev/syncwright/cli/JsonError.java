package dev.syncwright.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a command run with {@code --json} prints on stdout when it fails, so that a script reading
 * stdout always gets one object: {@code {"error": {"exitCode": 3, "code": "CONFIGURATION", "message":
 * "..."}, ...}}, then what the command knows (scope, ...). The message is the stderr line without the
 * command name, masked of passwords the same way.
 */
final class JsonError {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonError() {
    }

    /** The object with its {@code error}; the caller adds the command's own fields. */
    /** With {@code --json}, the error object of a command about one scope; without, null (the line on stderr is all). */
    static String ofScope(boolean json, int exitCode, String maskedMessage, String scope) {
        return json ? of(exitCode, maskedMessage).put("scope", scope).toString() : null;
    }

    static ObjectNode of(int exitCode, String maskedMessage) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("exitCode", exitCode);
        error.put("code", ExitCodes.name(exitCode));
        error.put("message", maskedMessage);
        return root;
    }
}
