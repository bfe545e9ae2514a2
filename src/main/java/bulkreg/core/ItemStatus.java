package bulkreg.core;

/** The state of one mentor's registration within a job. */
public enum ItemStatus {
    PENDING, SUCCESS, FAILED, CANCELLED;

    public String wireName() {
        return name().toLowerCase();
    }
}
