"use server";
import { revalidatePath } from "next/cache";
import { toActionResult, type ActionResult } from "@/lib/action-result";
import { formString } from "@/lib/form";
import { BulkDocument } from "@/generated/graphql";
import { gql } from "@/lib/graphql";
import { bulkResultText } from "./bulk-texts";

/** Restarts or cancels the errored nodes the preview counted; the server refuses (CONFLICT) if the count moved. */
export async function bulkAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return toActionResult(async () => {
    const action = formString(form, "action");
    if (action !== "RETRY" && action !== "CANCEL") throw new Error(`Unknown bulk action "${action}"`);
    const search = JSON.parse(formString(form, "search") || "{}") as Record<string, string>;
    const expectedCount = Number(formString(form, "expectedCount"));
    const { bulkAction: result } = await gql(BulkDocument, { action, search, expectedCount });
    revalidatePath("/nodes");
    return bulkResultText(action, expectedCount, result);
  });
}
