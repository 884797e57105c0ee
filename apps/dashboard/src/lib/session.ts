// The operator's session: signIn stores the token in an httpOnly cookie; pages read the operator through `me`.
// Cookies can be written only in server actions and route handlers, so signIn/clearSession are called there.
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { MeDocument, SignInDocument, SignOutDocument, type MeQuery, type OperatorRole } from "@/generated/graphql";
import { gql } from "./graphql";
import { SESSION_COOKIE } from "./session-cookie";
import { readSessionToken } from "./session-token";

export type { OperatorRole };
export type Operator = MeQuery["me"];

/** Whether the browser reached us over https (directly or through a proxy that says so). */
async function requestIsHttps(): Promise<boolean> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return forwarded === "https";
}

/** Signs in (throws GraphQLRequestError UNAUTHENTICATED on wrong credentials) and sets the session cookie. */
export async function signIn(login: string, password: string): Promise<Operator> {
  const { signIn: session } = await gql(SignInDocument, { login, password }, { anonymous: true });
  (await cookies()).set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await requestIsHttps(),
    path: "/",
    expires: new Date(session.expiresAt),
  });
  return session.operator;
}

/** Ends the session on the server (best effort: an expired one is already gone) and drops the cookie. */
export async function clearSession(): Promise<void> {
  const token = await readSessionToken();
  if (token) {
    try {
      await gql(SignOutDocument, {}, { token, anonymous: false });
    } catch {
      // Signing out must always succeed locally, whatever the server says.
    }
  }
  (await cookies()).delete(SESSION_COOKIE);
}

/** The signed-in operator (one `me` query per request); redirects to /signin when the session is gone. */
export const currentOperator = cache(async (): Promise<Operator> => {
  const { me } = await gql(MeDocument);
  return me;
});

/** VIEWERs read only: no action buttons for them (the server refuses anyway). */
export function canAct(operator: Operator): boolean {
  return operator.role === "OPERATOR" || operator.role === "ADMIN";
}
