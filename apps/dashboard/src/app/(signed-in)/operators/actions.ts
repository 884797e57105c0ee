"use server";
import { revalidatePath } from "next/cache";
import { toActionResult, type ActionResult } from "@/lib/action-result";
import { formString } from "@/lib/form";
import { gql } from "@/lib/graphql";
import type { OperatorRole } from "@/lib/session";
import { CREATE_OPERATOR, ROLES } from "./queries";

function isRole(value: string): value is OperatorRole {
  return (ROLES as readonly string[]).includes(value);
}

/** The server checks the login's form, the password's length, duplicates and that the caller is an admin. */
export async function createOperatorAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const login = formString(form, "login").trim();
  const password = formString(form, "password");
  const role = formString(form, "role");
  if (!isRole(role)) return { ok: false, code: "BAD_USER_INPUT", message: "Choose a role." };
  return toActionResult(async () => {
    const { createOperator } = await gql(CREATE_OPERATOR, {
      input: { login, password, role },
    });
    revalidatePath("/operators");
    return `Operator “${createOperator.login}” created (${createOperator.role.toLowerCase()}).`;
  });
}
