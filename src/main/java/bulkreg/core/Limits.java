package bulkreg.core;

/**
 * The service's configurable input limits.
 *
 * @param maxMentors the most mentors one job may register
 */
public record Limits(int maxMentors) {

    public Limits {
        if (maxMentors < 1) {
            throw new IllegalArgumentException("maxMentors must be at least 1");
        }
    }
}
