package dev.syncwright.http.internal;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncException;
import dev.syncwright.http.WireFormatException;

/** Conflict policies by the names they print, for the wire: a custom handler cannot travel. */
public final class Policies {
    private Policies() {
    }

    public static String name(ConflictPolicy p) {
        String n = p.toString();
        if (n.equals("custom")) {
            throw new SyncException("A custom conflict policy runs where conflicts are met; an upload over HTTP meets them on the "
                    + "server, which cannot run this process's handler: choose source-wins, destination-wins, local-wins, remote-wins, "
                    + "defer or merge(...)");
        }
        return n;
    }

    public static ConflictPolicy parse(String name) {
        if (name.startsWith("merge(") && name.endsWith(")")) {
            try {
                return ConflictPolicy.merge(parse(name.substring(6, name.length() - 1)));
            } catch (WireFormatException e) {
                throw e;
            } catch (SyncException e) {
                throw new WireFormatException(e.getMessage(), e);
            }
        }
        return switch (name) {
            case "source-wins" -> ConflictPolicy.sourceWins();
            case "destination-wins" -> ConflictPolicy.destinationWins();
            case "local-wins" -> ConflictPolicy.localWins();
            case "remote-wins" -> ConflictPolicy.remoteWins();
            case "defer" -> ConflictPolicy.defer();
            default -> throw new WireFormatException("Unknown conflict policy '" + (name.length() > 40 ? name.substring(0, 40) : name) + "'");
        };
    }
}
