// Server-side GraphQL over HTTP: the only way the dashboard reads or changes anything. The session token
// (from the httpOnly cookie) is sent as a bearer token; it never reaches browser JavaScript.
import { redirect } from "next/navigation";
import { graphqlHttpUrl } from "./config";
import { GraphQLRequestError, type GraphQLErrorPayload } from "./graphql-error";
import { readSessionToken } from "./session-token";
import type { TypedDocumentString } from "@/generated/graphql";

export { GraphQLRequestError, describeError } from "./graphql-error";

type Options = {
  /** Send no token (signIn). Errors are thrown, never turned into a redirect. */
  anonymous?: boolean;
  /** Use this token instead of the cookie's. */
  token?: string;
};

type GraphQLResponse<T> = { data?: T | null; errors?: GraphQLErrorPayload[] };

/**
 * Runs one operation and returns its data; throws GraphQLRequestError on any error. A missing or expired
 * session sends the visitor to /signin (redirect() works in pages, layouts and server actions). Pass a typed
 * document generated from the schema (`src/generated/graphql.ts`, see scripts/codegen.ts): its result and
 * variables are then checked by TypeScript.
 */
export async function gql<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...rest: Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: Options]
    : [variables: TVariables, options?: Options]
): Promise<TResult>;
/** An operation whose text is built at run time (a choice of mutation field): its result typed by hand. */
export async function gql<T>(query: string, variables?: Record<string, unknown>, options?: Options): Promise<T>;
export async function gql<T>(
  document: string | TypedDocumentString<unknown, unknown>,
  variables: unknown = {},
  options: Options = {},
): Promise<T> {
  const query = document.toString();
  const token = options.anonymous ? null : (options.token ?? (await readSessionToken()));
  if (!options.anonymous && !token) redirect("/signin");

  let response: Response;
  try {
    response = await fetch(graphqlHttpUrl(), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      cache: "no-store",
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new GraphQLRequestError([{ message: cause, extensions: { code: "NETWORK" } }]);
  }

  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new GraphQLRequestError([
      { message: `HTTP ${response.status} without a GraphQL body`, extensions: { code: "NETWORK" } },
    ]);
  }
  if (body.errors && body.errors.length > 0) {
    const error = new GraphQLRequestError(body.errors);
    if (error.code === "UNAUTHENTICATED" && !options.anonymous) redirect("/signin?expired=1");
    throw error;
  }
  if (body.data == null)
    throw new GraphQLRequestError([{ message: "Empty response", extensions: { code: "NETWORK" } }]);
  return body.data;
}
