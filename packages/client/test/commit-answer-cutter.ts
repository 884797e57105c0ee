// A TCP proxy in front of the test's PostgreSQL that can lose the answer to one COMMIT: the COMMIT
// of the next transaction that inserted nodes reaches PostgreSQL and commits, then the connection is
// cut before the server hears back (as when PostgreSQL or the network goes away at that instant).
// The server then answers DATABASE_UNAVAILABLE "the change may or may not have been made", although
// it was made. It reads just enough of the wire protocol (frontend messages) to see statements.
import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";

export type CommitAnswerCutter = {
  /** The proxy's database URL (the target's, on the proxy's port). */
  url: string;
  /** Cut the answer to the next COMMIT of a transaction whose statements match `statement`. */
  arm: (statement: RegExp) => void;
  /** Answers cut so far. */
  cuts: () => number;
  close: () => Promise<void>;
};

export async function startCommitAnswerCutter(databaseUrl: string): Promise<CommitAnswerCutter> {
  const target = new URL(databaseUrl);
  // The test databases listen on a Unix socket (host %2Ftmp): /tmp/.s.PGSQL.<port>.
  const host = decodeURIComponent(target.hostname);
  const connectUpstream = () =>
    host.startsWith("/") ? connect({ path: `${host}/.s.PGSQL.${target.port}` }) : connect(Number(target.port), host);
  let armed: RegExp | null = null;
  let cuts = 0;
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const upstream = connectUpstream();
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    const statements = new Map<string, string>(); // prepared statement name → text
    let matched = false; // this transaction ran a matching statement
    let cutNextAnswer = false;
    let buffered = Buffer.alloc(0);
    let startup = true;

    const onMessage = (type: string, body: Buffer) => {
      const cstrings = body.toString("utf8").split("\0");
      if (type === "P") statements.set(cstrings[0]!, cstrings[1]!);
      else if (type === "B" && armed?.test(statements.get(cstrings[1]!) ?? "")) matched = true;
      else if (type === "Q") {
        const text = cstrings[0]!.trim().toUpperCase();
        if (text === "COMMIT" && matched && armed) {
          armed = null;
          cutNextAnswer = true;
        }
        if (text === "COMMIT" || text === "ROLLBACK") matched = false;
      }
    };
    client.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        // The startup message has no type byte; every later one is type, int32 length, body.
        const head = startup ? 0 : 1;
        if (buffered.length < head + 4) break;
        const length = buffered.readInt32BE(head);
        if (buffered.length < head + length) break;
        if (!startup) onMessage(String.fromCharCode(buffered[0]!), buffered.subarray(5, 1 + length));
        buffered = buffered.subarray(head + length);
        startup = false;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (!cutNextAnswer) return void client.write(chunk);
      // Committed; the server never hears so.
      cuts++;
      upstream.destroy();
      client.destroy();
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    arm: (statement) => void (armed = statement),
    cuts: () => cuts,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
