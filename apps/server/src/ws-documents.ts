// Parsed and validated documents of graphql-ws operations, by query text. A pull worker sends the
// same few documents (its subscription, its report batches) again and again: parsing and
// validating each message anew was a tenth of the server's time on the pull path. Validation
// depends on the document alone (the cost rule counts fields, not variables), so a document valid
// once stays valid. Only valid documents are kept, and at most MAX_DOCUMENTS (oldest out first).
import {
  parse,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";

const MAX_DOCUMENTS = 500;

export function createDocumentCache(
  schema: GraphQLSchema,
  rules: readonly ValidationRule[],
): (query: string) => DocumentNode | readonly GraphQLError[] {
  const valid = new Map<string, DocumentNode>();
  return (query) => {
    const cached = valid.get(query);
    if (cached) return cached;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return [error as GraphQLError];
    }
    const errors = validate(schema, document, rules);
    if (errors.length > 0) return errors;
    if (valid.size >= MAX_DOCUMENTS) valid.delete(valid.keys().next().value!);
    valid.set(query, document);
    return document;
  };
}
