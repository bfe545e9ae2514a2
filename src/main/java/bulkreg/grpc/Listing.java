package bulkreg.grpc;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;
import bulkreg.core.JobSummary;
import bulkreg.core.PageRequest;
import bulkreg.core.RegistrationValidator;
import bulkreg.grpc.v1.ListBulkRegistrationsRequest;
import bulkreg.grpc.v1.ListBulkRegistrationsResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * ListBulkRegistrations in the style of AIP-158 over the core's numbered pages: a page starts where the
 * previous one ended, even when the client changes page_size between calls.
 */
final class Listing {

    private final BulkRegistrationService service;

    Listing(BulkRegistrationService service) {
        this.service = service;
    }

    ListBulkRegistrationsResponse list(ListBulkRegistrationsRequest request) {
        var filter = RegistrationValidator.filter(Requests.status(request.getStatus()),
                Requests.optional(request.getCoordinatorId()), Requests.optional(request.getActivityType()));
        int size = pageSize(request.getPageSize());
        int offset = PageTokens.offset(request.getPageToken(), filter);
        var first = service.list(filter, PageRequest.of(offset / size + 1, size));
        var jobs = new ArrayList<>(tail(first.items(), offset % size));
        if (offset % size != 0 && jobs.size() < size) {
            // a page_size that changed mid-way: the page spans two of the core's pages
            var next = service.list(filter, PageRequest.of(offset / size + 2, size)).items();
            jobs.addAll(next.subList(0, Math.min(size - jobs.size(), next.size())));
        }
        var response = ListBulkRegistrationsResponse.newBuilder().setTotalSize(first.total());
        jobs.forEach(job -> response.addBulkRegistrations(Messages.summary(job)));
        int end = offset + jobs.size();
        if (!jobs.isEmpty() && end < first.total()) {
            response.setNextPageToken(PageTokens.issue(filter, end));
        }
        return response.build();
    }

    /** AIP-158: 0 means the default; above the maximum is coerced to it; negative is an error. */
    private static int pageSize(int requested) {
        if (requested < 0) {
            throw InvalidInputException.of("page_size", FieldError.OUT_OF_RANGE,
                    "must not be negative (0 means the default, " + PageRequest.DEFAULT_LIMIT + ")");
        }
        return requested == 0 ? PageRequest.DEFAULT_LIMIT : Math.min(requested, PageRequest.MAX_LIMIT);
    }

    private static List<JobSummary> tail(List<JobSummary> items, int skip) {
        return items.subList(Math.min(skip, items.size()), items.size());
    }
}
