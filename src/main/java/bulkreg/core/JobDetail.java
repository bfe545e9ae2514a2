package bulkreg.core;

import java.util.List;

/** A job with every mentor's result in request order, read in one consistent snapshot. */
public record JobDetail(Job job, List<MentorResult> results) {

    public JobDetail {
        results = List.copyOf(results);
    }
}
