import { cookies } from "next/headers";
import { SESSION_COOKIE } from "./session-cookie";

/** The session token from the httpOnly cookie, or null when signed out. */
export async function readSessionToken(): Promise<string | null> {
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  return value && value.length > 0 ? value : null;
}
