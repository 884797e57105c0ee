// The explorer relay's guard (src/lib/graphql-relay-guard.ts): what it lets through and why it refuses the rest.
// The route itself is covered over real HTTP by e2e/dashboard/tests/explorer.spec.ts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_RELAY_BODY_BYTES, isSameOrigin, readBoundedText, relayRefusal } from "../src/lib/graphql-relay-guard";

const HOST = "dashboard.example:3000";

function headers(extra: Record<string, string>): Headers {
  return new Headers({ host: HOST, "content-type": "application/json", origin: `http://${HOST}`, ...extra });
}

describe("relayRefusal", () => {
  it("lets a signed-in, same-origin JSON request through", () => {
    assert.equal(relayRefusal(headers({}), true), null);
    assert.equal(relayRefusal(headers({ "content-type": "application/json; charset=utf-8" }), true), null);
    assert.equal(relayRefusal(headers({ "sec-fetch-site": "same-origin" }), true), null);
  });

  it("signed out: 401, before anything else", () => {
    assert.equal(relayRefusal(headers({ origin: "http://evil.example" }), false)?.status, 401);
  });

  it("another origin, an opaque one, or none: 403", () => {
    for (const origin of ["http://evil.example", "http://dashboard.example:3001", "null", "not a url", ""]) {
      assert.equal(relayRefusal(headers({ origin }), true)?.status, 403, `origin ${JSON.stringify(origin)}`);
    }
    const noOrigin = headers({});
    noOrigin.delete("origin");
    assert.equal(relayRefusal(noOrigin, true)?.status, 403);
    // The browser's own word that the request is cross-site wins over a matching Origin.
    assert.equal(relayRefusal(headers({ "sec-fetch-site": "same-site" }), true)?.status, 403);
  });

  it("behind a reverse proxy, the host the browser addressed is X-Forwarded-Host", () => {
    const proxied = headers({ host: "127.0.0.1:3000", "x-forwarded-host": HOST });
    assert.equal(isSameOrigin(proxied), true);
    assert.equal(isSameOrigin(headers({ host: "127.0.0.1:3000" })), false);
  });

  it("anything but JSON: 415 (a form's text/plain needs no CORS preflight)", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      assert.equal(relayRefusal(headers({ "content-type": type }), true)?.status, 415, type);
    }
    const none = headers({});
    none.delete("content-type");
    assert.equal(relayRefusal(none, true)?.status, 415);
  });

  it("a declared length over the bound: 413", () => {
    assert.equal(relayRefusal(headers({ "content-length": String(MAX_RELAY_BODY_BYTES + 1) }), true)?.status, 413);
    assert.equal(relayRefusal(headers({ "content-length": String(MAX_RELAY_BODY_BYTES) }), true), null);
  });
});

describe("readBoundedText", () => {
  const stream = (...parts: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
        controller.close();
      },
    });

  it("reads a body within the bound, multi-byte characters split across chunks included", async () => {
    const bytes = new TextEncoder().encode('{"query":"{ é }"}');
    const split = bytes.indexOf(0xc3) + 1;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, split));
        controller.enqueue(bytes.slice(split));
        controller.close();
      },
    });
    assert.equal(await readBoundedText(body, 100), '{"query":"{ é }"}');
    assert.equal(await readBoundedText(null, 100), "");
  });

  it("stops at the bound: null, without reading the rest", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    assert.equal(await readBoundedText(endless, 10 * 1024), null);
    assert.ok(pulled <= 13, `pulled ${pulled} chunks`);
    assert.equal(await readBoundedText(stream("12345", "6"), 5), null);
    assert.equal(await readBoundedText(stream("12345"), 5), "12345");
  });
});
