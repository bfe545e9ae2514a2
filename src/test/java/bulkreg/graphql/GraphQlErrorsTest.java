package bulkreg.graphql;

import bulkreg.core.FieldError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Core field names become GraphQL input names in one place, messages keep the core's words. */
class GraphQlErrorsTest {

    @Test
    void snakeCaseFieldsBecomeCamelCaseKeepingTheirIndex() {
        assertEquals("mentorIds[3]", GraphQlErrors.fieldName("mentor_ids[3]"));
        assertEquals("coordinatorId", GraphQlErrors.fieldName("coordinator_id"));
        assertEquals("notes", GraphQlErrors.fieldName("notes"));
        assertEquals("first", GraphQlErrors.fieldName("limit"));
    }

    @Test
    void aMessageThatPointsAtAnotherMentorNamesItTheGraphQlWayButKeepsTheValueAsSent() {
        var error = GraphQlErrors.userError(new FieldError("mentor_ids[2]", FieldError.DUPLICATE,
                "repeats mentor_ids[0] (some_mentor_id); list each mentor once"));
        assertEquals(new UserError("mentorIds[2]", "DUPLICATE",
                "repeats mentorIds[0] (some_mentor_id); list each mentor once"), error);
    }
}
