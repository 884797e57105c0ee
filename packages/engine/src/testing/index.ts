export { createHarness, type Harness } from "./harness.ts";
export { FakeClient, type ReceivedRequest, type Responder } from "./fake-client.ts";
