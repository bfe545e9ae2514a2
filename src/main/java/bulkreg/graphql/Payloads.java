package bulkreg.graphql;

import java.util.List;

/** The mutation payloads: the changed object, or the rules the input broke. */
final class Payloads {

    private Payloads() {
    }

    record JobPayload(JobView bulkRegistration, List<UserError> userErrors) {

        static JobPayload done(JobView job) {
            return new JobPayload(job, List.of());
        }

        static JobPayload invalid(List<UserError> errors) {
            return new JobPayload(null, errors);
        }
    }

    record DeletePayload(String deletedId, List<UserError> userErrors) {

        static DeletePayload done(String id) {
            return new DeletePayload(id, List.of());
        }

        static DeletePayload invalid(List<UserError> errors) {
            return new DeletePayload(null, errors);
        }
    }
}
