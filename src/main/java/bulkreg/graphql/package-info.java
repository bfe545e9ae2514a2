/**
 * The GraphQL front: the schema (loaded from {@code schema/bulkreg.graphqls} on the class path), its data
 * fetchers and DataLoaders, GraphQL-over-HTTP at {@code /graphql} and the {@code graphql-transport-ws}
 * WebSocket protocol at the same path. Like every front it parses, calls the core's
 * {@code BulkRegistrationService} and maps; errors are mapped in {@link bulkreg.graphql.GraphQlErrors} alone.
 * It knows neither the store nor the other fronts.
 */
package bulkreg.graphql;
