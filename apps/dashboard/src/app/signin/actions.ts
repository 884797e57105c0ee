"use server";
import { redirect } from "next/navigation";
import { formString } from "@/lib/form";
import { GraphQLRequestError } from "@/lib/graphql";
import { safeNextPath } from "@/lib/safe-next";
import { signIn } from "@/lib/session";

export type SignInState = { error: string | null; login: string };

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const login = formString(form, "login").trim();
  const password = formString(form, "password");
  if (!login || !password) return { error: "Enter your login and password.", login };
  try {
    await signIn(login, password);
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.code === "UNAUTHENTICATED") {
      return { error: "Wrong login or password.", login };
    }
    if (error instanceof GraphQLRequestError && error.code === "NETWORK") {
      return { error: `The Backbeat server could not be reached (${error.message}).`, login };
    }
    return { error: error instanceof Error ? error.message : "Sign-in failed.", login };
  }
  redirect(safeNextPath(form.get("next")));
}
