package bulkreg.graphql;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.ItemStatus;
import bulkreg.core.Job;
import bulkreg.core.ResultPage;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The batched reads of one operation: every job and every results page a document asks for at one level is
 * read in one call to the core, so listing 100 jobs with their results costs a fixed number of queries.
 * A fresh registry per operation, so nothing is cached across requests.
 */
final class Loaders {

    static final String JOBS = "jobs";
    static final String RESULTS = "results";

    /** One results page of one job; keys that differ only in the job are read together. */
    record ResultsKey(String jobId, Optional<ItemStatus> status, int afterPosition, int limit) {

        Page page() {
            return new Page(status, afterPosition, limit);
        }
    }

    private record Page(Optional<ItemStatus> status, int afterPosition, int limit) {
    }

    private Loaders() {
    }

    static DataLoaderRegistry registry(BulkRegistrationService service) {
        DataLoader<String, Job> jobs = DataLoaderFactory.newDataLoader(ids -> CompletableFuture.supplyAsync(
                () -> inOrder(ids, service.jobs(ids), null), Runnable::run));
        DataLoader<ResultsKey, ResultPage> results = DataLoaderFactory.newDataLoader(keys ->
                CompletableFuture.supplyAsync(() -> results(service, keys), Runnable::run));
        return DataLoaderRegistry.newRegistry().register(JOBS, jobs).register(RESULTS, results).build();
    }

    private static List<ResultPage> results(BulkRegistrationService service, List<ResultsKey> keys) {
        var found = new LinkedHashMap<ResultsKey, ResultPage>();
        var byPage = keys.stream().collect(Collectors.groupingBy(ResultsKey::page, LinkedHashMap::new,
                Collectors.mapping(ResultsKey::jobId, Collectors.toList())));
        byPage.forEach((page, ids) -> service.results(ids, page.status(), page.afterPosition(), page.limit())
                .forEach((id, results) -> found.put(new ResultsKey(id, page.status(), page.afterPosition(),
                        page.limit()), results)));
        return inOrder(keys, found, new ResultPage(List.of(), false));
    }

    private static <K, V> List<V> inOrder(List<K> keys, Map<K, V> found, V absent) {
        var values = new ArrayList<V>(keys.size());
        keys.forEach(k -> values.add(found.getOrDefault(k, absent)));
        return values;
    }
}
