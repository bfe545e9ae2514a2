package bulkreg.grpc;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;
import bulkreg.core.PageRequest;
import bulkreg.core.RegistrationValidator;
import bulkreg.grpc.v1.ListBulkRegistrationsRequest;
import bulkreg.grpc.v1.ListBulkRegistrationsResponse;

/**
 * ListBulkRegistrations in the style of AIP-158 over the core's keyset pages (as GraphQL's): a page starts
 * after the last job of the previous one, whatever page_size the client asks for next and whatever was created
 * or deleted in between.
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
        var page = service.list(filter, PageTokens.after(request.getPageToken(), filter), size);
        var response = ListBulkRegistrationsResponse.newBuilder().setTotalSize(page.total());
        page.items().forEach(job -> response.addBulkRegistrations(Messages.summary(job)));
        if (page.hasMore()) {
            response.setNextPageToken(PageTokens.issue(filter, page.items().getLast().id().toString()));
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
}
