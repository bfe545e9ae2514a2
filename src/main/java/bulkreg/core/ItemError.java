package bulkreg.core;

/** Why one mentor's registration failed: a stable code and a sentence for people. */
public record ItemError(String code, String message) {

    public static final String DUPLICATE_ACTIVITY = "DUPLICATE_ACTIVITY";
}
