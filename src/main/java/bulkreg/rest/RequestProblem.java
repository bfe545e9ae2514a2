package bulkreg.rest;

/**
 * A request REST cannot even hand to the core: a body that is not JSON, a wrong content type, a bad query
 * parameter type. Carries the HTTP status it maps to.
 */
final class RequestProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String code;

    RequestProblem(int status, String title, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.code = code;
    }

    static RequestProblem malformed(String detail) {
        return new RequestProblem(400, "Malformed request", "MALFORMED_REQUEST", detail);
    }

    static RequestProblem unsupportedMediaType(String detail) {
        return new RequestProblem(415, "Unsupported media type", "UNSUPPORTED_MEDIA_TYPE", detail);
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }
}
