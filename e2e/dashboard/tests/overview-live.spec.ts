// The overview starts an operator's day (issue 13): workflows by state, and the page keeps itself current from
// the live feed (the /api/events stream of every workflow's status changes), without polling or a reload; its
// chart's labels stay readable and apart on a 390 px phone.
import type { Page } from "@playwright/test";
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

type LabelBox = { text: string; x: number; y: number; right: number; bottom: number; size: string };

/** The chart's axis labels that are shown, with their boxes and font sizes (run in the page). */
const SHOWN_LABELS = `[...document.querySelectorAll('[data-testid="throughput-chart"] [data-testid="chart-label"]')]
  .filter((s) => s.getClientRects().length > 0)
  .map((s) => {
    const r = s.getBoundingClientRect();
    return { text: s.textContent, x: r.x, y: r.y, right: r.right, bottom: r.bottom, size: getComputedStyle(s).fontSize };
  })`;

const stateCount = async (page: Page, state: string) =>
  Number(await page.getByTestId(`workflow-state-${state}`).getAttribute("data-count"));

test("a node failing elsewhere shows up on the open overview by itself: in the attention list and the counts", async ({
  page,
  fakeClient,
  tag,
}) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  await expect(page.getByTestId("overview-live")).toHaveAttribute("data-state", "live");
  for (const state of ["failed", "paused", "running", "waiting", "complete"])
    await expect(page.getByTestId(`workflow-state-${state}`)).toBeVisible();
  const failedBefore = await stateCount(page, "failed");
  // A marker on the window: a reload would lose it.
  await page.evaluate(`window.stayed = true`);

  fakeClient.fail(`charge-${tag}`, "the card was declined");
  const { nodeId } = await fakeClient.start(`overview-live-${tag}`, { tag }, `charge-${tag}`, { retry: 0 });
  await fakeClient.waitForNode(nodeId, (n) => n.clientStatus === "ERRORED");

  await expect(page.getByTestId(`attention-row-${nodeId}`)).toContainText(`charge-${tag}`);
  await expect.poll(() => stateCount(page, "failed")).toBeGreaterThan(failedBefore);
  expect(await page.evaluate(`window.stayed === true`)).toBe(true);
  const refreshes = async () => Number(await page.getByTestId("overview-live").getAttribute("data-refreshes"));
  expect(await refreshes()).toBeGreaterThan(0);

  // A burst of failures: the page refreshes at most once per 2 s however many changes come.
  const [r0, t0] = [await refreshes(), Date.now()];
  const burst = await Promise.all(
    [1, 2, 3, 4].map((n) => fakeClient.start(`overview-live-${tag}`, { tag, n }, `charge-${tag}`, { retry: 0 })),
  );
  for (const { nodeId: id } of burst) await expect(page.getByTestId(`attention-row-${id}`)).toBeVisible();
  const [r1, t1] = [await refreshes(), Date.now()];
  expect(r1 - r0).toBeLessThanOrEqual(Math.ceil((t1 - t0) / 2_000) + 1);
});

test("at 390 px the throughput chart's labels are readable, inside the chart and never overlap", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ADMIN);
  const chart = page.getByTestId("throughput-chart");
  await expect(chart).toBeVisible();
  const box = (await chart.boundingBox())!;
  const labels = await page.evaluate<LabelBox[]>(SHOWN_LABELS);
  expect(labels.length).toBeGreaterThanOrEqual(4);
  for (const l of labels) {
    expect(parseFloat(l.size), `${l.text}: font size`).toBeGreaterThanOrEqual(11);
    expect(l.x, `${l.text}: inside the chart`).toBeGreaterThanOrEqual(box.x);
    expect(l.right, `${l.text}: inside the chart`).toBeLessThanOrEqual(box.x + box.width);
  }
  for (const [i, a] of labels.entries())
    for (const b of labels.slice(i + 1)) {
      const apart = a.right <= b.x || b.right <= a.x || a.bottom <= b.y || b.bottom <= a.y;
      expect(apart, `"${a.text}" and "${b.text}" overlap`).toBe(true);
    }
  // The page does not scroll sideways.
  expect(await page.evaluate(`document.documentElement.scrollWidth - document.documentElement.clientWidth`)).toBe(0);
});
