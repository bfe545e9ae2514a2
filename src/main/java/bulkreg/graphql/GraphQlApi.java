package bulkreg.graphql;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.RequestBudget;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsRouting;

import java.util.concurrent.ScheduledExecutorService;

/**
 * The GraphQL front, mounted at {@code /graphql}: GraphQL over HTTP on the HTTP routing and
 * {@code graphql-transport-ws} on the WebSocket routing, both on one engine.
 */
public final class GraphQlApi {

    public static final String PATH = "/graphql";

    private final GraphQlHttp http;
    private final GraphQlEngine engine;
    private final WsMessages messages;
    private final GraphQlErrors errors = new GraphQlErrors();
    private final GraphQlLimits limits;
    private final ScheduledExecutorService timers;
    private final OpenSockets sockets = new OpenSockets();
    private final SubscriptionGauge subscriptions = new SubscriptionGauge();

    /**
     * @param budget bounds the request bodies held in memory at once, shared with the other fronts
     * @param timers runs the WebSocket timers (connection_init timeout, keep-alive); owned by the caller
     */
    public GraphQlApi(BulkRegistrationService service, GraphQlLimits limits, RequestBudget budget,
                      ScheduledExecutorService timers) {
        // Jackson's default buffer pool is per thread, and each subscription writes on a virtual thread of its
        // own: a thousand subscribers held a thousand sets of buffers (25 MB). One pool serves them all.
        var json = new ObjectMapper(JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());
        this.engine = new GraphQlEngine(service, limits, json, subscriptions);
        this.http = new GraphQlHttp(engine, json, limits.maxRequestBytes(), budget);
        this.messages = new WsMessages(json);
        this.limits = limits;
        this.timers = timers;
    }

    public void register(HttpRouting.Builder routing) {
        routing.register(PATH, http);
    }

    public WsRouting.Builder webSocketRouting() {
        return WsRouting.builder().endpoint(PATH,
                () -> new TransportWsConnection(engine, messages, errors, limits, timers, sockets));
    }

    /** How subscription events became payloads: executed, or shared with others (for monitoring and tests). */
    public SubscriptionGauge subscriptions() {
        return subscriptions;
    }

    /** Closes every open GraphQL WebSocket with 1001 (going away); call before the server stops. */
    public void closeSockets() {
        sockets.shutDownAll();
    }
}
