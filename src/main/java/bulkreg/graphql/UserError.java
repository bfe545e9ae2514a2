package bulkreg.graphql;

/** A rule the input broke, as a mutation payload lists it: a GraphQL input field name, a code, a sentence. */
record UserError(String field, String code, String message) {
}
