package bulkreg.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A job with every mentor's result in request order, read in one consistent snapshot. */
public record JobDetail(Job job, List<MentorResult> results) {

    public JobDetail {
        results = List.copyOf(results);
    }

    /**
     * Up to {@code limit} results after position {@code afterPosition} (-1 for the start), only those of
     * {@code status} if given: the page {@link JobStore#results} reads from the database.
     */
    public List<MentorResult> page(Optional<ItemStatus> status, int afterPosition, int limit) {
        var page = new ArrayList<MentorResult>(Math.min(limit, results.size()));
        // results are in request order, so the result at index i is the one at position i
        int from = (int) Math.min(results.size(), Math.max(0, afterPosition + 1L));
        for (int i = from; i < results.size() && page.size() < limit; i++) {
            var result = results.get(i);
            if (status.isEmpty() || result.status() == status.get()) {
                page.add(result);
            }
        }
        return Collections.unmodifiableList(page);
    }
}
