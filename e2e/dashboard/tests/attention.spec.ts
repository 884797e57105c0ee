// The overview starts an operator's day (issue 13, item 4): "needs attention now" lists failed nodes, newest
// first, and one of them is restarted in two clicks from the overview (its name, then the highlighted restart).
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

test("a failed node is listed first thing and restarted in two clicks", async ({ page, fakeClient, tag }) => {
  fakeClient.fail(`charge-${tag}`, "the card was declined");
  const older = await fakeClient.start(`attention-${tag}`, { order: 1 }, `charge-${tag}`, { retry: 0 });
  const newer = await fakeClient.start(`attention-${tag}`, { order: 2 }, `charge-${tag}`, { retry: 0 });
  for (const { nodeId } of [older, newer]) await fakeClient.waitForNode(nodeId, (n) => n.clientStatus === "ERRORED");

  await signIn(page, ADMIN);
  const list = page.getByTestId("needs-attention");
  const row = list.getByTestId(`attention-row-${newer.nodeId}`);
  await expect(row).toContainText(`charge-${tag}`);
  await expect(row.getByTestId("workflow-subject")).toHaveText("order: 2");
  await expect(row).toContainText("suggested: restart");
  // Newest first.
  const ids = await list.locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("data-testid")));
  expect(ids.indexOf(`attention-row-${newer.nodeId}`)).toBeLessThan(ids.indexOf(`attention-row-${older.nodeId}`));

  // Click 1: the node's panel, restart highlighted. Click 2: restart (then confirm what it will do).
  fakeClient.on(`charge-${tag}`, () => ({ charged: true }));
  await row.getByRole("link", { name: `charge-${tag}` }).click();
  const panel = page.getByTestId("node-panel");
  await expect(panel.getByTestId("action-restart")).toHaveAttribute("data-recommended", "true");
  await panel.getByTestId("action-restart").click();
  await page.getByTestId("confirm-action").filter({ visible: true }).click();
  await expect(panel.getByTestId("status-server")).toHaveAttribute("data-status", "complete");
  await fakeClient.waitForNode(newer.nodeId, (n) => n.serverStatus === "COMPLETE");

  await page.getByTestId("nav-overview").click();
  await expect(page.getByTestId(`attention-row-${older.nodeId}`)).toBeVisible();
  await expect(page.getByTestId(`attention-row-${newer.nodeId}`)).toHaveCount(0);
});
