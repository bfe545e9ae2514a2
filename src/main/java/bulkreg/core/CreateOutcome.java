package bulkreg.core;

/** What storing a create request did, given its idempotency key. */
public sealed interface CreateOutcome {

    /** A new job. */
    record Created(Job job) implements CreateOutcome {
    }

    /** The key was used before for the same request: its job, as first answered. */
    record Replayed(Job job) implements CreateOutcome {
    }

    /** The key was used before for a different request. */
    record KeyReused() implements CreateOutcome {
    }

    /** Another request with the key is being stored right now. */
    record KeyBusy() implements CreateOutcome {
    }
}
