package bulkreg.core;

/**
 * The answer to a create request.
 *
 * @param replayed true when an idempotency key named an earlier, equal request: {@code job} is that request's
 *                 job as it was first answered, and nothing new was created
 */
public record Submission(Job job, boolean replayed) {
}
