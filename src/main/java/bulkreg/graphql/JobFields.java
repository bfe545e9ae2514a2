package bulkreg.graphql;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.ItemStatus;
import bulkreg.core.Job;
import bulkreg.core.MentorResult;
import bulkreg.core.ResultPage;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code BulkRegistration} fields that need more than the job at hand: what a listed summary lacks, and
 * the results page; both through the operation's DataLoaders, so a listing reads them in one batch.
 */
final class JobFields {

    private static final int DEFAULT_RESULTS = 100;

    private final BulkRegistrationService service;

    JobFields(BulkRegistrationService service) {
        this.service = service;
    }

    CompletableFuture<List<String>> mentorIds(DataFetchingEnvironment env) {
        return full(env).thenApply(Job::mentorIds);
    }

    CompletableFuture<String> notes(DataFetchingEnvironment env) {
        return full(env).thenApply(job -> job.notes().orElse(null));
    }

    CompletableFuture<Boolean> overrideDuplicates(DataFetchingEnvironment env) {
        return full(env).thenApply(Job::overrideDuplicates);
    }

    CompletableFuture<Connection<MentorResult>> results(DataFetchingEnvironment env) {
        JobView job = env.getSource();
        Optional<ItemStatus> status = Optional.ofNullable(env.getArgument("status"));
        String after = env.getArgument("after");
        var key = new Loaders.ResultsKey(job.id(), status, Cursors.afterPosition(after),
                Arguments.first(env, DEFAULT_RESULTS));
        DataLoader<Loaders.ResultsKey, ResultPage> results = env.getDataLoader(Loaders.RESULTS);
        return results.load(key).thenApply(page -> Connection.of(page.results(),
                r -> Cursors.position(r.position()), page.hasMore(), after != null, job.resultCount(status)));
    }

    /** The whole job: at hand, or loaded with every other job the operation needs at this level. */
    private CompletableFuture<Job> full(DataFetchingEnvironment env) {
        JobView view = env.getSource();
        if (view.full().isPresent()) {
            return CompletableFuture.completedFuture(view.full().get());
        }
        DataLoader<String, Job> jobs = env.getDataLoader(Loaders.JOBS);
        // a job deleted since it was listed: the core says so in its own words
        return jobs.load(view.id()).thenApply(job -> job != null ? job : service.job(view.id()));
    }
}
