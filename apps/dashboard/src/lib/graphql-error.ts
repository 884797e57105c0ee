// A GraphQL error as the server sent it, with its extensions.code (UNAUTHENTICATED, FORBIDDEN, CONFLICT, ...).

export type GraphQLErrorPayload = {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; currentStatus?: string | null; attemptedStatus?: string | null } & Record<
    string,
    unknown
  >;
};

export class GraphQLRequestError extends Error {
  override name = "GraphQLRequestError";
  /** extensions.code of the first error; NETWORK when the server could not be reached. */
  readonly code: string;
  readonly errors: readonly GraphQLErrorPayload[];

  constructor(errors: readonly GraphQLErrorPayload[]) {
    const first = errors[0];
    super(first?.message ?? "GraphQL request failed");
    this.code = first?.extensions?.code ?? "INTERNAL_SERVER_ERROR";
    this.errors = errors;
  }

  get currentStatus(): string | null {
    return this.errors[0]?.extensions?.currentStatus ?? null;
  }

  get attemptedStatus(): string | null {
    return this.errors[0]?.extensions?.attemptedStatus ?? null;
  }
}

/** The error in words for an operator: what the server said, plus the statuses of a CONFLICT. */
export function describeError(error: unknown): { code: string; message: string } {
  if (!(error instanceof GraphQLRequestError)) {
    return { code: "INTERNAL", message: error instanceof Error ? error.message : String(error) };
  }
  switch (error.code) {
    case "CONFLICT": {
      // Say the statuses only when the server's message does not already.
      const statuses =
        error.currentStatus && error.attemptedStatus && !error.message.includes(error.currentStatus)
          ? ` (the node is ${words(error.currentStatus)}; it cannot become ${words(error.attemptedStatus)})`
          : "";
      return { code: error.code, message: `Refused: ${error.message}${statuses}.` };
    }
    case "FORBIDDEN":
      return { code: error.code, message: `Not allowed: ${error.message}.` };
    case "NOT_FOUND":
      return { code: error.code, message: `Not found: ${error.message}.` };
    case "BAD_USER_INPUT":
      return { code: error.code, message: `Invalid input: ${error.message}.` };
    case "NETWORK":
      return { code: error.code, message: `The Backbeat server could not be reached: ${error.message}.` };
    default:
      return { code: error.code, message: error.message };
  }
}

/** "retries_exhausted" → "retries exhausted". */
export function words(status: string): string {
  return status.toLowerCase().replaceAll("_", " ");
}
