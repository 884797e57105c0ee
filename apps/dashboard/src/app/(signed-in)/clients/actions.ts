"use server";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { formString } from "@/lib/form";
import { describeError, gql } from "@/lib/graphql";
import { CREATE_CLIENT } from "./queries";

/** The token and signing secret exist only in this answer: the server keeps a hash of the token. */
export type CreateClientState =
  | { ok: true; id: string; name: string; token: string; signingSecret: string }
  | { ok: false; code: string; message: string };

/** Blank optional fields are left out, so the server sees "no endpoint" rather than an empty URL. */
function optional(form: FormData, name: string): string | undefined {
  const value = formString(form, name).trim();
  return value === "" ? undefined : value;
}

export async function createClientAction(
  _previous: CreateClientState | null,
  form: FormData,
): Promise<CreateClientState> {
  const name = formString(form, "name").trim();
  if (!name) return { ok: false, code: "BAD_USER_INPUT", message: "Enter a name for the client." };
  const input = {
    name,
    activityEndpoint: optional(form, "activityEndpoint"),
    decisionEndpoint: optional(form, "decisionEndpoint"),
    notificationEndpoint: optional(form, "notificationEndpoint"),
  };
  try {
    const { createClient } = await gql(CREATE_CLIENT, { input });
    revalidatePath("/clients");
    return { ok: true, ...createClient.client, token: createClient.token, signingSecret: createClient.signingSecret };
  } catch (error) {
    // redirect() (an expired session) must reach Next; GraphQL errors become words.
    unstable_rethrow(error);
    return { ok: false, ...describeError(error) };
  }
}
