// The waterfall (issue 13, item 3): one bar per node with its duration in ms, the wait for a timer apart, live,
// zoomable; the tree and the timeline stay as the other views.
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

test("one bar per node with its duration, a timer's wait apart, updated live and zoomable", async ({
  page,
  fakeClient,
  tag,
}) => {
  const gate = fakeClient.hold("ship");
  fakeClient.on("order", async (ctx) => {
    await ctx.blocking("reserve stock");
    await ctx.blocking("ship");
    return {};
  });
  const { workflowId, nodeId } = await fakeClient.start(`waterfall-${tag}`, { order: tag }, "order");
  await gate.started;
  const later = new Date(Date.now() + 60 * 60_000);
  const reminder = await fakeClient.sdk.signalWorkflow(workflowId, { name: "remind", firesAt: later.toISOString() });
  const nodes = (await fakeClient.sdk.workflow(workflowId)).nodes;
  const ship = nodes.find((n) => n.name === "ship")!;

  await signIn(page, ADMIN);
  await page.goto(`/workflows/${workflowId}`);
  await page.getByTestId("tab-waterfall").click();
  await expect(page).toHaveURL(/tab=waterfall/);
  await expect(page.getByTestId("workflow-live")).toHaveAttribute("data-state", "live");
  const waterfall = page.getByTestId("waterfall");
  for (const n of nodes) await expect(waterfall.getByTestId(`waterfall-row-${n.id}`)).toBeVisible();
  await expect(waterfall.getByTestId(`waterfall-row-${nodeId}`).getByTestId("waterfall-duration")).toContainText(" ms");
  await expect(waterfall.getByTestId(`waterfall-row-${ship.id}`)).toContainText("sent to client");

  // A node that waits for its time shows the wait apart.
  const reminderRow = waterfall.getByTestId(`waterfall-row-${reminder.id}`);
  await expect(reminderRow).toBeVisible();
  await expect(reminderRow.locator(".waterfall-wait")).toHaveCount(1);

  // Live: the held node completes and its bar says so without a reload.
  gate.release();
  await expect(waterfall.getByTestId(`waterfall-row-${ship.id}`)).toContainText("complete");

  // Zoom widens the time axis inside its box; the page itself does not scroll sideways.
  const width = () => waterfall.evaluate((el) => el.scrollWidth);
  const before = await width();
  await page.getByTestId("waterfall-zoom-in").click();
  await expect.poll(width).toBeGreaterThan(before * 1.5);
  expect(
    await page.evaluate(`document.documentElement.scrollWidth - document.documentElement.clientWidth`),
  ).toBeLessThanOrEqual(0);

  // A row's name opens the node's panel, on the waterfall still.
  await waterfall.getByTestId(`waterfall-row-${ship.id}`).getByRole("link", { name: "ship" }).click();
  await expect(page.getByTestId("node-panel")).toContainText("ship");
  await expect(page).toHaveURL(/tab=waterfall/);
});
