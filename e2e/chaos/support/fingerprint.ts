// Every table's row count and a hash of its rows: what a refused request must leave as it was.
import pg from "pg";

export type Fingerprint = Record<string, { rows: number; hash: string }>;

const DUE = "(due within 3 s)";

export class TableFingerprint {
  private constructor(
    private readonly client: pg.Client,
    private readonly text: string,
    /** How many tables are compared. */
    readonly tableCount: number,
  ) {}

  /** Reads the table list once (every table of the public schema but Prisma's own bookkeeping). */
  static async open(databaseUrl: string): Promise<TableFingerprint> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    );
    const parts = rows.map(
      ({ name }) =>
        `SELECT '${name}' AS name, count(*)::int AS rows, coalesce(sum(hashtext(t::text)::bigint), 0)::text AS hash FROM "${name}" t`,
    );
    // Not a table: scheduled work due within 3 s (jobs, outbound calls, deadlines of nodes awaiting their
    // client), read in the same round trip; the server will change rows by itself then.
    const due = `SELECT '${DUE}' AS name, ((SELECT count(*) FROM jobs WHERE run_at < now() + interval '3 seconds')
        + (SELECT count(*) FROM outbound_calls WHERE run_at < now() + interval '3 seconds')
        + (SELECT count(*) FROM nodes WHERE server_status = 'sent_to_client' AND client_status IN ('received', 'processing')
             AND complete_by < now() + interval '3 seconds'))::int AS rows, '' AS hash`;
    return new TableFingerprint(client, [...parts, due].join(" UNION ALL "), parts.length);
  }

  async take(): Promise<Fingerprint> {
    const { rows } = await this.client.query<{ name: string; rows: number; hash: string }>(this.text);
    return Object.fromEntries(rows.map((r) => [r.name, { rows: r.rows, hash: r.hash }]));
  }

  /** Scheduled work due within 3 s when `f` was taken. */
  static dueSoon(f: Fingerprint): number {
    return f[DUE]?.rows ?? 0;
  }

  /** The tables whose rows differ between two fingerprints. */
  static changed(before: Fingerprint, after: Fingerprint): string[] {
    return Object.keys(after).filter(
      (t) => t !== DUE && (before[t]?.rows !== after[t]!.rows || before[t]?.hash !== after[t]!.hash),
    );
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
