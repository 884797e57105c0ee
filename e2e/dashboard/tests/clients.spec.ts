// /clients: the list with each client's delivery and connected workers, and registering a client whose
// credentials are shown once.
import path from "node:path";
import { ADMIN, expect, signIn, test } from "../fixtures.ts";
import { gql } from "../../src/graphql-client.ts";

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("a client is registered, and its token and signing secret are shown once", async ({
  page,
  context,
  graphqlUrl,
  tag,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.getByTestId("nav-clients").click();
  const form = page.getByTestId("create-client-form");
  await form.getByLabel("Name").fill(`shop-${tag}`);
  await form.getByLabel("Activity endpoint").fill(`https://shop-${tag}.example/activity`);
  await form.getByTestId("create-client-submit").click();

  await expect(page.getByTestId("credentials-warning")).toContainText("shown only this once");
  const token = (await page.getByTestId("client-token").textContent())?.trim() ?? "";
  const secret = (await page.getByTestId("client-signing-secret").textContent())?.trim() ?? "";
  expect(token.length).toBeGreaterThan(20);
  expect(secret.length).toBeGreaterThan(20);

  await page.screenshot({
    path: path.resolve(import.meta.dirname, "../screenshots/client-created.png"),
    fullPage: true,
  });

  await page.getByTestId("copy-token").click();
  await expect(page.getByTestId("copy-token")).toHaveText("Copied");
  expect(await page.evaluate("navigator.clipboard.readText()")).toBe(token);

  // The token is real: the server knows it as this client.
  const created = await gql(
    graphqlUrl,
    token,
    `mutation($i: CreateWorkflowInput!) { createWorkflow(input: $i) { id clientId } }`,
    { i: { name: `check-${tag}`, subject: { tag } } },
  );
  expect(created.createWorkflow.id).toBeTruthy();

  // The new client is listed with its endpoint; after a reload the secrets are gone for good.
  const row = page.getByTestId(`client-row-${String(created.createWorkflow.clientId)}`);
  await page.reload();
  await expect(row.getByTestId("client-name")).toHaveText(`shop-${tag}`);
  await expect(row.getByTestId("client-delivery")).toContainText(`https://shop-${tag}.example/activity`);
  await expect(page.getByTestId("client-credentials")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  expect(await page.content()).not.toContain(secret);
});

test("a pull client shows how many workers are connected", async ({ page, fakeClient, admin, tag }) => {
  const idle = await admin(`mutation($input: CreateClientInput!) { createClient(input: $input) { client { id } } }`, {
    input: { name: `idle-${tag}` },
  });
  await page.goto("/clients");
  const idleRow = page.getByTestId(`client-row-${String(idle.createClient.client.id)}`);
  await expect(idleRow.getByTestId("client-delivery")).toHaveText("pull");
  await expect(idleRow.getByTestId("client-workers")).toHaveText("no worker connected");

  // The fake client's worker connects over a WebSocket; the page shows it once it is subscribed.
  const workerRow = page.getByTestId(`client-row-${fakeClient.id}`);
  await expect(async () => {
    await page.reload();
    await expect(workerRow.getByTestId("client-workers"), `worker errors: ${String(fakeClient.errors)}`).toHaveText(
      "1 worker connected",
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 30_000 });
  await expect(workerRow.getByTestId("client-delivery")).toHaveText("pull");
});

test("a client without a name is refused with a message", async ({ page }) => {
  await page.goto("/clients");
  const form = page.getByTestId("create-client-form");
  // Skip the browser's own `required` check to see the dashboard's and the server's answer.
  await form.getByLabel("Name").fill("   ");
  await form.getByTestId("create-client-submit").click();
  await expect(page.getByTestId("create-client-error")).toContainText("Enter a name");
  await expect(page.getByTestId("client-credentials")).toHaveCount(0);
});
