// A screenshot of every main page with real data, kept in e2e/dashboard/screenshots/ (git-ignored) for review.
// With BACKBEAT_DOCS_SCREENSHOTS=1 (`pnpm screenshots`) the main pages are shot instead into docs/screenshots/,
// the pictures the README shows: the first screen of each at 1440 px, and of a few at 390 px.
import path from "node:path";
import type { Page } from "@playwright/test";
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

const FOR_DOCS = process.env.BACKBEAT_DOCS_SCREENSHOTS === "1";
const DIR = FOR_DOCS
  ? path.resolve(import.meta.dirname, "../../../docs/screenshots")
  : path.resolve(import.meta.dirname, "../screenshots");
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** For review: the whole page. For the docs: the first screen at 1440 px and, when `phone`, at 390 px. */
async function shoot(page: Page, name: string, phone = false): Promise<void> {
  if (!FOR_DOCS) {
    // No hover effect in the picture.
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage: true });
    return;
  }
  for (const size of phone ? [WIDE, PHONE] : [WIDE]) {
    await page.setViewportSize(size);
    await page.mouse.move(0, 0);
    // Let the layout settle at the new width (a resize re-renders the virtualized waterfall).
    await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))`);
    await page.screenshot({ path: path.join(DIR, `${name}-${size.width}.png`), animations: "disabled" });
  }
  await page.setViewportSize(WIDE);
}

test("screenshots of the main pages", async ({ page, admin, fakeClient, ageNode, tag }) => {
  // A small tree: a signal whose handler adds children; one child failed once and was restarted (two attempts
  // in the waterfall), one fails for good, one is still running.
  let labelRuns = 0;
  fakeClient.on("order", async (ctx) => {
    await ctx.blocking("reserve stock");
    await ctx.nonBlocking("send receipt");
    await ctx.blocking("print label", { retry: 0 });
    await ctx.blocking("charge card", { retry: 0 });
    return { accepted: true };
  });
  fakeClient.on("print label", () => {
    if (++labelRuns === 1) throw new Error("the printer was offline");
    return { printed: true };
  });
  fakeClient.fail("charge card", "card declined");
  const gate = fakeClient.hold("send receipt");
  const { workflowId } = await fakeClient.start(`shop-order-${tag}`, { order: 1042, customer: "ada" }, "order");
  await gate.started;
  const detail = await fakeClient.sdk.workflow(workflowId);
  const charge = detail.nodes.find((n) => n.name === "charge card");
  const receipt = detail.nodes.find((n) => n.name === "send receipt");
  const label = detail.nodes.find((n) => n.name === "print label");
  if (!charge || !receipt || !label) throw new Error("the decision did not add its children");
  await fakeClient.waitForNode(label.id, (n) => n.clientStatus === "ERRORED");
  await admin(`mutation($id: ID!) { restartNode(id: $id) { id } }`, { id: label.id });
  await fakeClient.waitForNode(label.id, (n) => n.serverStatus === "COMPLETE");
  await fakeClient.waitForNode(charge.id, (n) => n.clientStatus === "ERRORED");
  // The receipt is still with the client: make it look stuck for a quarter of an hour.
  await fakeClient.waitForNode(receipt.id, (n) => n.clientStatus === "PROCESSING");
  await ageNode(receipt.id, 15);

  if (FOR_DOCS) await page.setViewportSize(WIDE);
  await signIn(page, ADMIN);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  await expect(page.getByTestId("throughput-chart")).toBeVisible();
  await expect(page.getByTestId("overview-as-of")).toContainText("UTC");
  await expect(page.getByTestId("stuck-nodes").getByTestId(`node-row-${receipt.id}`)).toBeVisible();
  await expect(page.getByTestId("overview-live")).toHaveAttribute("data-state", "live");
  await shoot(page, "overview", true);

  await page.goto(`/workflows?name=${encodeURIComponent(`shop-order-${tag}`)}`);
  await expect(page.getByTestId(`workflow-row-${workflowId}`)).toBeVisible();
  await shoot(page, "workflows");

  await page.goto(`/workflows/${workflowId}?node=${charge.id}`);
  await expect(page.getByTestId("workflow-live")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId("node-panel")).toContainText("charge card");
  await expect(page.getByTestId(`node-row-${charge.id}`)).toBeVisible();
  await shoot(page, "workflow-tree", true);

  await page.goto(`/workflows/${workflowId}?tab=waterfall`);
  await expect(page.getByTestId("workflow-live")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId(`waterfall-row-${label.id}`).getByTestId("waterfall-attempt")).toHaveCount(2);
  await shoot(page, "waterfall", true);

  await page.goto("/nodes?currentStatus=errored");
  await expect(page.getByTestId(`node-row-${charge.id}`)).toBeVisible();
  await shoot(page, "nodes");

  if (FOR_DOCS) return;
  await page.goto("/clients");
  await expect(page.getByTestId(`client-row-${fakeClient.id}`)).toBeVisible();
  await shoot(page, "clients");

  await page.goto("/operators");
  await expect(page.getByTestId("operators-table")).toBeVisible();
  await shoot(page, "operators");

  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await shoot(page, "audit-log");
});
