// The sign-in throttle over real HTTP: 5 wrong passwords for one login within 15 minutes (engine
// clock) lock that login, refusals cost no bcrypt comparison and are audited without extending the
// lockout, other logins are unaffected, and the built-in admin is throttled the same way.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { actionsSince, lastActionId, operatorSession, rows, SIGN_IN } from "./operator-support.ts";
import { ADMIN_TOKEN, errorOf, startServer, type GqlResponse, type TestServer } from "./support.ts";

const MINUTE = 60_000;
const LOCKED_LOGIN = "tess.throttle";
const PASSWORD = `${LOCKED_LOGIN}-password`;

/** One signIn and the CPU time this process (server included: it runs in-process) spent on it. */
async function timedSignIn(
  s: TestServer,
  login: string,
  password: string,
): Promise<{ res: GqlResponse; cpuMs: number }> {
  const start = process.cpuUsage();
  const res = await s.gql(null, SIGN_IN, { login, password });
  const used = process.cpuUsage(start);
  return { res, cpuMs: (used.user + used.system) / 1000 };
}

function assertThrottled(res: GqlResponse, retryAfterSeconds: number, minutes: number): void {
  assert.deepEqual(errorOf(res), {
    message: `Too many failed sign-ins for this login: try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    code: "TOO_MANY_ATTEMPTS",
    extensions: { code: "TOO_MANY_ATTEMPTS", retryAfterSeconds },
  });
  assert.equal(res.body.data, null);
}

describe("sign-in throttle", () => {
  let s: TestServer;
  let t0: number;
  before(async () => {
    s = await startServer();
    await operatorSession(s, LOCKED_LOGIN, "OPERATOR");
    await operatorSession(s, "other.login", "VIEWER");
    t0 = s.clock.now().getTime();
  });
  after(() => s.close());

  it("after 5 wrong passwords the 6th attempt, even the right one, is refused at once and audited", async () => {
    const wrongCpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      if (i > 0) s.clock.advance(MINUTE); // failures at t0, t0+1 min, ..., t0+4 min
      const { res, cpuMs } = await timedSignIn(s, LOCKED_LOGIN, `wrong-${i}`);
      assert.equal(errorOf(res).code, "UNAUTHENTICATED");
      wrongCpu.push(cpuMs);
    }
    const before6th = await lastActionId(s.database.url);
    const refused = await timedSignIn(s, LOCKED_LOGIN, PASSWORD);
    // The oldest failure (t0) leaves the window at t0+15 min: 11 minutes from now.
    assertThrottled(refused.res, 11 * 60, 11);
    // A bcrypt comparison (cost 12) is what made each wrong attempt expensive; the refusal has none.
    const cheapestWrong = Math.min(...wrongCpu);
    assert.ok(
      refused.cpuMs * 4 < cheapestWrong,
      `refusal used ${refused.cpuMs} ms of CPU, a wrong password at least ${cheapestWrong} ms`,
    );
    assert.deepEqual(await actionsSince(s.database.url, before6th), [
      {
        operator: LOCKED_LOGIN,
        action: "signIn",
        target: { login: LOCKED_LOGIN },
        result: "TOO_MANY_ATTEMPTS",
        message: "Too many failed sign-ins for this login: try again in 11 minutes.",
      },
    ]);
    const [sessions] = await rows<{ n: number }>(
      s.database.url,
      `SELECT count(*)::int AS n FROM operator_sessions WHERE login = $1`,
      [LOCKED_LOGIN],
    );
    assert.equal(sessions!.n, 1, "only the session from before the failures");
  });

  it("another login, and an unknown one, are unaffected", async () => {
    const other = await s.ok(null, SIGN_IN, { login: "other.login", password: "other.login-password" });
    assert.equal(other.signIn.operator.login, "other.login");
    const unknown = await s.gql(null, SIGN_IN, { login: "nobody.here", password: PASSWORD });
    assert.equal(errorOf(unknown).code, "UNAUTHENTICATED");
  });

  it("refusals do not extend the window: the right password works once the oldest failure leaves it", async () => {
    s.clock.set(new Date(t0 + 10 * MINUTE));
    assertThrottled(await s.gql(null, SIGN_IN, { login: LOCKED_LOGIN, password: PASSWORD }), 5 * 60, 5);
    s.clock.set(new Date(t0 + 15 * MINUTE - 1_000));
    assertThrottled(await s.gql(null, SIGN_IN, { login: LOCKED_LOGIN, password: "still-guessing" }), 1, 1);
    const [refusals] = await rows<{ n: number }>(
      s.database.url,
      `SELECT count(*)::int AS n FROM operator_actions WHERE operator = $1 AND result = 'TOO_MANY_ATTEMPTS'`,
      [LOCKED_LOGIN],
    );
    assert.equal(refusals!.n, 3);
    s.clock.set(new Date(t0 + 15 * MINUTE));
    const ok = await s.ok(null, SIGN_IN, { login: LOCKED_LOGIN, password: PASSWORD });
    assert.equal(ok.signIn.operator.login, LOCKED_LOGIN);
  });

  it("a success does not reset the count: one more failure inside the window locks the login again", async () => {
    // Failures at t0+1..t0+4 min are still in the window: a 5th one (now) locks until t0+16 min.
    assert.equal(
      errorOf(await s.gql(null, SIGN_IN, { login: LOCKED_LOGIN, password: "wrong-again" })).code,
      "UNAUTHENTICATED",
    );
    assertThrottled(await s.gql(null, SIGN_IN, { login: LOCKED_LOGIN, password: PASSWORD }), 60, 1);
    s.clock.set(new Date(t0 + 16 * MINUTE));
    await s.ok(null, SIGN_IN, { login: LOCKED_LOGIN, password: PASSWORD });
  });

  it("the throttle's read is served by the partial index, not a scan of the audit log", async () => {
    // The table is tiny here, so a scan would win on cost: forbid it to see which index can serve.
    const client = new pg.Client({ connectionString: s.database.url });
    await client.connect();
    try {
      await client.query("SET enable_seqscan = off");
      const plan = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN SELECT created_at FROM operator_actions
        WHERE "action" = 'signIn' AND "result" = 'UNAUTHENTICATED' AND operator = $1 AND created_at > $2
        ORDER BY created_at DESC LIMIT 5`,
        [LOCKED_LOGIN, s.clock.now()],
      );
      assert.match(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"), /Index.*operator_actions_failed_sign_in_idx/);
    } finally {
      await client.end();
    }
  });

  // Last: it locks the built-in admin's sign-in for the rest of this server.
  it("the admin login is throttled the same way; the admin token as a bearer token still works", async () => {
    s.clock.set(new Date(t0 + 60 * MINUTE));
    for (let i = 0; i < 5; i++) {
      assert.equal(
        errorOf(await s.gql(null, SIGN_IN, { login: "admin", password: `guess-${i}` })).code,
        "UNAUTHENTICATED",
      );
    }
    assertThrottled(await s.gql(null, SIGN_IN, { login: "admin", password: ADMIN_TOKEN }), 15 * 60, 15);
    assert.equal((await s.ok(ADMIN_TOKEN, `{ me { login } }`)).me.login, "admin");
    s.clock.advance(15 * MINUTE);
    const admin = await s.ok(null, SIGN_IN, { login: "admin", password: ADMIN_TOKEN });
    assert.equal(admin.signIn.operator.role, "ADMIN");
  });
});
