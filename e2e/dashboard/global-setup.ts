// Starts the stack once for the whole run; the returned function is Playwright's global teardown.
// Test workers are started after this and inherit the environment set here.
import { STACK_ENV, startStack } from "./stack/start-stack.ts";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack();
  process.env[STACK_ENV.databaseUrl] = stack.databaseUrl;
  process.env[STACK_ENV.graphqlUrl] = stack.graphqlUrl;
  process.env[STACK_ENV.dashboardUrl] = stack.dashboardUrl;
  return stack.stop;
}
