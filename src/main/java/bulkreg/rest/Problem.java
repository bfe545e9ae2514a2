package bulkreg.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An RFC 9457 problem document; {@code errors} lists the broken field rules of a validation problem. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String code, List<FieldProblem> errors) {

    static final String MEDIA_TYPE = "application/problem+json";

    record FieldProblem(String field, String code, String message) {
    }
}
