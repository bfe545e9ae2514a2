package bulkreg.graphql;

import bulkreg.support.GraphQlClient;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GraphQL over HTTP as the spec and the issue say: media types, status codes, GET rules, limits. */
class GraphQlHttpIT {

    private static final String JSON = "application/json";
    private static TestApp app;
    private static GraphQlClient graphQl;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        graphQl = new GraphQlClient(app.port());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theAnswerIsAGraphQlResponseWhenAcceptedAndJsonOtherwise() {
        var body = GraphQlClient.text(Map.of("query", "{ bulkRegistrations { totalCount } }"));
        var graphQlResponse = graphQl.post(body, JSON, GraphQlClient.GRAPHQL_RESPONSE + ", application/json;q=0.9");
        assertEquals(200, graphQlResponse.status());
        assertTrue(graphQlResponse.header("content-type").startsWith(GraphQlClient.GRAPHQL_RESPONSE));

        var json = graphQl.post(body, JSON, JSON);
        assertTrue(json.header("content-type").startsWith(JSON));
        assertEquals(0, json.data().path("bulkRegistrations").path("totalCount").asInt());
        assertTrue(graphQl.post(body, JSON, null).header("content-type").startsWith(JSON));
    }

    @Test
    void aRequestThatDoesNotParseIs400() {
        assertEquals(400, graphQl.post("{not json", JSON, JSON).status());
        assertEquals(400, graphQl.post("[]", JSON, JSON).status());
        assertEquals(400, graphQl.post("{\"variables\": {}}", JSON, JSON).status());
        assertEquals(400, graphQl.post("{\"query\": 42}", JSON, JSON).status());
        var syntax = graphQl.post("{ bulkRegistrations { ", Map.of());
        assertEquals(400, syntax.status());
        assertEquals("GRAPHQL_PARSE_FAILED", syntax.firstError().path("extensions").path("code").asText());
        assertEquals(400, graphQl.post("query A { __typename } query B { __typename }", Map.of()).status());
        assertEquals(415, graphQl.post("{\"query\": \"{ __typename }\"}", "text/plain", JSON).status());
    }

    @Test
    void aDocumentThatFailsValidationOrVariablesThatDoNotCoerceAre422() {
        var unknownField = graphQl.post("{ bulkRegistrations { nonsense } }", Map.of());
        assertEquals(422, unknownField.status());
        assertTrue(unknownField.json().path("data").isMissingNode());
        var badVariable = graphQl.post("query($first: Int) { bulkRegistrations(first: $first) { totalCount } }",
                Map.of("first", "many"));
        assertEquals(422, badVariable.status(), badVariable.json().toString());
        var missingVariable = graphQl.post("query($id: ID!) { bulkRegistration(id: $id) { id } }", Map.of());
        assertEquals(422, missingVariable.status());
    }

    @Test
    void getRunsQueriesButRefusesAMutationWithoutRunningIt() throws SQLException {
        var query = graphQl.get("query Count { bulkRegistrations { totalCount } }", "Count", null);
        assertEquals(200, query.status());
        assertTrue(query.data().path("bulkRegistrations").has("totalCount"));
        var withVariables = graphQl.get("query($id: ID!) { bulkRegistration(id: $id) { id } }", null,
                "{\"id\": \"bulk-999999\"}");
        assertEquals("NOT_FOUND", withVariables.firstError().path("extensions").path("code").asText());

        var mutation = graphQl.get("mutation($input: CreateBulkRegistrationInput!) { createBulkRegistration(input: $input) "
                + "{ bulkRegistration { id } } }", null, GraphQlClient.text(Documents.input(
                Documents.workshop("coord-get", Requests.mentors("get", 2)))));
        assertEquals(405, mutation.status());
        assertEquals("POST", mutation.header("allow"));
        try (var sql = app.sql(); var rows = sql.createStatement()
                .executeQuery("SELECT count(*) FROM bulk_job WHERE coordinator_id = 'coord-get'")) {
            rows.next();
            assertEquals(0, rows.getInt(1), "a mutation over GET must never run");
        }
    }

    @Test
    void otherMethodsAre405AndSubscriptionsBelongToTheWebSocket() {
        var put = graphQl.send("PUT", "{}");
        assertEquals(405, put.status());
        assertEquals("GET, POST", put.header("allow"));
        var subscription = graphQl.post("subscription { bulkRegistrationProgress(id: \"bulk-001\") { kind } }",
                Map.of());
        assertEquals(400, subscription.status());
        assertTrue(subscription.firstError().path("message").asText().contains("graphql-transport-ws"));
    }

    @Test
    void tooDeepTooComplexAndTooLargeRequestsAreRefusedClearly() {
        var deep = graphQl.post("{ bulkRegistrations { edges { node { results { edges { node { error { "
                + "code } } } } } } } }", Map.of());
        assertEquals(200, deep.status(), "within the depth limit: " + deep.json());
        var tooDeep = graphQl.post("{ __schema { types { fields { type " + "{ ofType ".repeat(10) + "{ name }"
                + " }".repeat(10) + " } } } }", Map.of());
        assertEquals(422, tooDeep.status(), tooDeep.json().toString());
        assertTrue(tooDeep.firstError().path("message").asText().contains("levels deep; at most 12"),
                tooDeep.json().toString());

        var tooComplex = graphQl.post("{ bulkRegistrations(first: 100) { edges { node { id "
                + "results(first: 1000) { edges { node { mentorId status } } } } } } }", Map.of());
        assertEquals(422, tooComplex.status());
        assertTrue(tooComplex.firstError().path("message").asText().contains("complexity"),
                tooComplex.json().toString());

        var huge = "{\"query\": \"{ __typename }\", \"variables\": {\"pad\": \"" + "x".repeat(2 << 20) + "\"}}";
        assertEquals(413, graphQl.post(huge, JSON, JSON).status());
    }
}
