// The contract's two scalars. DateTime parses RFC 3339 strings (any offset) to Date and always
// answers in UTC with milliseconds ("2030-01-01T00:00:00.000Z"); JSON is any JSON value.
import { GraphQLScalarType } from "graphql";
import { DateTimeResolver, JSONResolver } from "graphql-scalars";

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "ISO-8601 date-time string, UTC.",
  serialize: (value) => DateTimeResolver.serialize(value).toISOString(),
  parseValue: (value) => DateTimeResolver.parseValue(value),
  parseLiteral: (ast, variables) => DateTimeResolver.parseLiteral(ast, variables),
});

export const JSONScalar = new GraphQLScalarType({
  ...JSONResolver.toConfig(),
  description: "Any JSON value.",
});
