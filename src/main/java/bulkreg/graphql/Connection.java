package bulkreg.graphql;

import java.util.List;
import java.util.function.Function;

/** A Relay connection: one page of nodes with their cursors, where the page stands, and the listing's size. */
record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, long totalCount) {

    record Edge<T>(String cursor, T node) {
    }

    record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    static <T> Connection<T> of(List<T> nodes, Function<T, String> cursor, boolean hasNext, boolean hasPrevious,
                                long total) {
        var edges = nodes.stream().map(n -> new Edge<>(cursor.apply(n), n)).toList();
        var info = new PageInfo(hasNext, hasPrevious, edges.isEmpty() ? null : edges.getFirst().cursor(),
                edges.isEmpty() ? null : edges.getLast().cursor());
        return new Connection<>(edges, info, total);
    }
}
