package bulkreg.core;

/** What removing a job did: a running job is cancelled, a finished one deleted. */
public enum RemovalOutcome {
    CANCELLED, DELETED
}
