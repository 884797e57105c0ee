// The live route of a workflow page (/api/workflows/<id>/events): a reconnect resumes from Last-Event-ID with
// no gap and no duplicate, and the server's subscription ends when the browser goes away.
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

/** The server's gauge of open nodeEvents subscriptions (the relay holds one per open stream). */
async function openNodeEventStreams(graphqlUrl: string): Promise<number> {
  const text = await (await fetch(new URL("/metrics", graphqlUrl))).text();
  const line = text.split("\n").find((l) => l.startsWith('backbeat_open_subscriptions{subscription="nodeEvents"}'));
  return Number(line?.split(" ").at(-1) ?? Number.NaN);
}

/** Reads `id:` lines of an event stream until `count` arrived (or the stream ends). */
async function readEventIds(body: ReadableStream<Uint8Array>, count: number): Promise<string[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const ids: string[] = [];
  let text = "";
  while (ids.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    const lines = text.split("\n");
    text = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("id: ")) ids.push(line.slice("id: ".length));
  }
  reader.releaseLock();
  return ids;
}

test("a reconnect with Last-Event-ID gets exactly the later changes, and leaving ends the subscription", async ({
  page,
  context,
  baseURL,
  admin,
  graphqlUrl,
  fakeClient,
  tag,
}) => {
  // The overview (where signing in lands) holds a nodeEvents subscription of its own (/api/events): kept out,
  // so the count below is this test's streams only.
  await page.route("**/api/events", (route) => route.abort());
  await signIn(page, ADMIN);
  const { workflowId, nodeId } = await fakeClient.start(`resume-${tag}`, { order: tag }, "charge");
  await fakeClient.waitForNode(nodeId, (n) => n.serverStatus === "COMPLETE");
  const { workflow } = (await admin(`query ($id: ID!) { workflow(id: $id) { nodes { statusChanges { id } } } }`, {
    id: workflowId,
  })) as { workflow: { nodes: { statusChanges: { id: string }[] }[] } };
  const ids = workflow.nodes
    .flatMap((n) => n.statusChanges.map((c) => c.id))
    .sort((a, b) => Number(BigInt(a) - BigInt(b)));
  expect(ids.length).toBeGreaterThan(2);
  const resumeAfter = ids[1]!;

  const streams = () => openNodeEventStreams(graphqlUrl);
  const before = await streams();
  const cookie = (await context.cookies()).find((c) => c.name === "backbeat_session");
  const leave = new AbortController();
  const response = await fetch(`${baseURL}/api/workflows/${workflowId}/events`, {
    headers: { cookie: `backbeat_session=${cookie?.value ?? ""}`, "last-event-id": resumeAfter },
    signal: leave.signal,
  });
  expect(response.status).toBe(200);
  expect(await readEventIds(response.body!, ids.length - 2)).toEqual(ids.slice(2));
  await expect.poll(streams, { message: "the relay holds a subscription" }).toBe(before + 1);
  leave.abort();
  await expect.poll(streams, { message: "the subscription ended with the request" }).toBe(before);

  // The same for a workflow page: closing the tab ends the server's subscription.
  await page.goto(`/workflows/${workflowId}`);
  await expect(page.getByTestId("workflow-live")).toHaveAttribute("data-state", "live");
  await expect.poll(streams).toBe(before + 1);
  await page.close();
  await expect.poll(streams, { message: "the subscription ended with the page" }).toBe(before);
});
