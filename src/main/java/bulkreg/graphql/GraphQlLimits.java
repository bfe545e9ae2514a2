package bulkreg.graphql;

import java.time.Duration;

/**
 * What one client may ask of the GraphQL front.
 *
 * @param maxDepth         the deepest selection a document may nest
 * @param maxComplexity    the most fields a document may select, each list field counted {@code first} times
 * @param maxSubscriptions the most operations one WebSocket connection may run at once
 * @param initTimeout      how long a WebSocket client has to send {@code connection_init}
 * @param keepAlive        how often the server pings an acknowledged WebSocket client
 * @param maxRequestBytes  the largest HTTP body or WebSocket message
 */
public record GraphQlLimits(int maxDepth, int maxComplexity, int maxSubscriptions, Duration initTimeout,
                            Duration keepAlive, long maxRequestBytes) {

    public static final int DEFAULT_MAX_DEPTH = 12;
    public static final int DEFAULT_MAX_COMPLEXITY = 20_000;
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 50;
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    public GraphQlLimits {
        if (maxDepth < 1 || maxComplexity < 1 || maxSubscriptions < 1 || maxRequestBytes < 1024) {
            throw new IllegalArgumentException("GraphQL limits out of range");
        }
        if (initTimeout.isNegative() || initTimeout.isZero() || keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("the connection_init timeout and keep-alive must be positive");
        }
    }

    /** The defaults, with requests as large as the server allows. */
    public static GraphQlLimits defaults(long maxRequestBytes) {
        return new GraphQlLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_COMPLEXITY, DEFAULT_MAX_SUBSCRIPTIONS,
                DEFAULT_INIT_TIMEOUT, DEFAULT_KEEP_ALIVE, maxRequestBytes);
    }
}
