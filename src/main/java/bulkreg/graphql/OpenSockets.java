package bulkreg.graphql;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open GraphQL WebSockets, so that a stopping server can close each with 1001. Thread-safe. */
final class OpenSockets {

    private final Set<TransportWsConnection> open = ConcurrentHashMap.newKeySet();

    void add(TransportWsConnection connection) {
        open.add(connection);
    }

    void remove(TransportWsConnection connection) {
        open.remove(connection);
    }

    void shutDownAll() {
        Set.copyOf(open).forEach(TransportWsConnection::shutDown);
    }
}
