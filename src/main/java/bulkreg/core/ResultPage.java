package bulkreg.core;

import java.util.List;

/** A page of one job's results in request order, and whether more results (of the same status) follow it. */
public record ResultPage(List<MentorResult> results, boolean hasMore) {

    public ResultPage {
        results = List.copyOf(results);
    }
}
