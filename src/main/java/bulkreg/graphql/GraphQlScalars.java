package bulkreg.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Function;

/** {@code Date} and {@code DateTime} in the same ISO-8601 forms as the REST API. */
final class GraphQlScalars {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private GraphQlScalars() {
    }

    static final GraphQLScalarType DATE_SCALAR = scalar("Date", LocalDate.class, LocalDate::toString,
            text -> LocalDate.parse(text, DATE), "a date YYYY-MM-DD");

    /** Instants to the second, in UTC: {@code 2026-03-22T10:00:00Z}. */
    static final GraphQLScalarType DATE_TIME_SCALAR = scalar("DateTime", Instant.class,
            instant -> instant.truncatedTo(ChronoUnit.SECONDS).toString(), Instant::parse,
            "an instant such as 2026-03-22T10:00:00Z");

    private static <T> GraphQLScalarType scalar(String name, Class<T> type, Function<T, String> format,
                                                Function<String, T> parse, String expected) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<T, String>() {
            @Override
            public String serialize(Object value, GraphQLContext context, Locale locale) {
                if (!type.isInstance(value)) {
                    throw new CoercingSerializeException(name + " cannot represent " + value.getClass().getName());
                }
                return format.apply(type.cast(value));
            }

            @Override
            public T parseValue(Object input, GraphQLContext context, Locale locale) {
                try {
                    return parse.apply((String) input);
                } catch (ClassCastException | DateTimeParseException e) {
                    throw new CoercingParseValueException(name + " must be " + expected + ", not '" + input + "'");
                }
            }

            @Override
            public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                  Locale locale) {
                if (input instanceof StringValue text) {
                    try {
                        return parse.apply(text.getValue());
                    } catch (DateTimeParseException e) {
                        // reported below
                    }
                }
                throw new CoercingParseLiteralException(name + " must be " + expected);
            }
        }).build();
    }
}
