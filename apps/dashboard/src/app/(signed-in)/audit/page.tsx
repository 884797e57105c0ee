import type { Metadata } from "next";
import Link from "next/link";
import { formatTime } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { OPERATOR_ACTIONS, PAGE_SIZE, type OperatorActionRow } from "./queries";

export const metadata: Metadata = { title: "Audit log · Backbeat" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A target value in one line: strings as they are, anything else as JSON, cut when long. */
function valueText(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

/** { workflowId: "…", … } → "workflowId <link>, …": a workflow links to its page. */
function Target({ target }: { target: unknown }) {
  if (target === null || target === undefined) return <>—</>;
  if (typeof target !== "object" || Array.isArray(target)) return <>{valueText(target)}</>;
  return (
    <>
      {Object.entries(target as Record<string, unknown>).map(([key, value], i) => (
        <span key={key}>
          {i > 0 ? ", " : ""}
          <span className="muted">{key}</span>{" "}
          {key === "workflowId" && typeof value === "string" ? (
            <Link href={`/workflows/${encodeURIComponent(value)}`}>{value}</Link>
          ) : (
            valueText(value)
          )}
        </span>
      ))}
    </>
  );
}

function Row({ row }: { row: OperatorActionRow }) {
  const ok = row.result === "ok";
  return (
    <tr data-testid={`audit-row-${row.id}`} data-action={row.action} data-result={row.result}>
      <td>
        <time dateTime={row.createdAt}>{formatTime(row.createdAt)}</time>
      </td>
      <td data-testid="audit-operator">{row.operator}</td>
      <td data-testid="audit-action">
        <code>{row.action}</code>
      </td>
      <td className="mono small" title={JSON.stringify(row.target)} data-testid="audit-target">
        <Target target={row.target} />
      </td>
      <td data-testid="audit-result">
        <span className={`badge ${ok ? "tone-ok" : "tone-bad"}`}>{ok ? "ok" : row.result}</span>
        {row.message ? <div className="small">{row.message}</div> : null}
      </td>
    </tr>
  );
}

export default async function AuditPage({ searchParams }: Props) {
  const params = await searchParams;
  const after = typeof params.after === "string" && params.after !== "" ? params.after : null;
  const { operatorActions } = await gql(OPERATOR_ACTIONS, {
    first: PAGE_SIZE,
    after,
  });
  const { edges, pageInfo } = operatorActions;
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">Every operator action, newest first: who did what to which target, and how it ended.</p>
      {edges.length === 0 ? (
        <p className="empty" data-testid="audit-empty">
          {after ? "No older actions." : "No operator action has been recorded yet."}
        </p>
      ) : (
        <table data-testid="audit-table" tabIndex={0} aria-label="Audit log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ node }) => (
              <Row key={node.id} row={node} />
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="Audit log pages">
        {after ? (
          <Link href="/audit" data-testid="audit-newest">
            ← Newest
          </Link>
        ) : null}
        {pageInfo.hasNextPage && pageInfo.endCursor ? (
          <Link href={`/audit?after=${encodeURIComponent(pageInfo.endCursor)}`} data-testid="next-page">
            Older →
          </Link>
        ) : null}
        <span className="muted small">{edges.length} shown</span>
      </nav>
    </>
  );
}
