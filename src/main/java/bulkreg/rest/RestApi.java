package bulkreg.rest;

import bulkreg.core.BulkRegException;
import bulkreg.core.BulkRegistrationService;
import bulkreg.core.RequestBudget;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.helidon.common.Weighted;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;

/** Mounts the REST front on a routing: the resource at both contract paths, the error mapping, a JSON 404. */
public final class RestApi {

    /** The contract's generated clients call the doubled path; it behaves exactly like the canonical one. */
    static final String CONTRACT_PATH = RegistrationRoutes.CANONICAL_PATH + RegistrationRoutes.CANONICAL_PATH;

    private RestApi() {
    }

    /**
     * @param budget       bounds the memory of request bodies held at once, shared with the other fronts
     * @param maxBodyBytes the largest body the server accepts
     * @param readCache    whether the core keeps finished jobs in memory, so that their JSON can be kept too
     */
    public static void register(HttpRouting.Builder routing, BulkRegistrationService service, RequestBudget budget,
                                long maxBodyBytes, boolean readCache) {
        var json = mapper();
        var errors = new RestErrors(json);
        // 16 MiB of rendered finished jobs: a read of one is then a copy of bytes.
        var routes = new RegistrationRoutes(service, budget, maxBodyBytes, json, errors,
                new RenderedDetails(16L << 20, readCache));
        routing.register(CONTRACT_PATH, routes)
                .register(RegistrationRoutes.CANONICAL_PATH, routes)
                .error(BulkRegException.class, errors::core)
                .error(RequestProblem.class, errors::request)
                .error(Throwable.class, errors::unexpected)
                .addFeature(new FallbackFeature(errors));
    }

    /** A JSON 404 for every path nobody else routes; the lowest weight puts it after the observe endpoints. */
    private record FallbackFeature(RestErrors errors) implements HttpFeature, Weighted {

        @Override
        public void setup(HttpRouting.Builder routing) {
            routing.any(errors::notFound);
        }

        @Override
        public double weight() {
            return 0.1;
        }
    }

    static ObjectMapper mapper() {
        // one buffer pool for all requests: Jackson's default keeps buffers per thread, and each request
        // runs on a virtual thread of its own, so every request would allocate them afresh
        return JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                        .build())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
