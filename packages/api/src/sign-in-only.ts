// A request without a valid token may still sign in: this says whether a request asks for
// nothing but signIn (one mutation whose only fields are signIn and __typename), so the transport
// can let exactly that through and answer everything else UNAUTHENTICATED as before.
import { Kind, OperationTypeNode, parse, type DocumentNode } from "graphql";

export function isSignInOnly(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== "string" || query.length > 10_000) return false;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: 1_000 });
  } catch {
    return false;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || document.definitions.length !== 1) return false;
  const operation = operations[0]!;
  if (operation.operation !== OperationTypeNode.MUTATION) return false;
  if (operationName != null && operation.name?.value !== operationName) return false;
  const fields = operation.selectionSet.selections;
  return (
    fields.length > 0 &&
    fields.every((f) => f.kind === Kind.FIELD && (f.name.value === "signIn" || f.name.value === "__typename")) &&
    fields.some((f) => f.kind === Kind.FIELD && f.name.value === "signIn")
  );
}
