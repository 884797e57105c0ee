import type { Metadata } from "next";
import Link from "next/link";
import { FiltersDisclosure } from "@/components/filters-disclosure";
import { WorkflowLabel } from "@/components/workflow-label";
import { ConfirmAction } from "@/components/confirm-action";
import { Pager } from "@/components/pager";
import { StatusBadge } from "@/components/status-badge";
import { StatusSelect } from "@/components/status-select";
import { TimeRangeInputs } from "@/components/time-range-inputs";
import { formatTime } from "@/lib/format";
import { describeError, GraphQLRequestError } from "@/lib/graphql";
import { hrefWith, param, pick, utcIso, type SearchParams } from "@/lib/search-params";
import { canAct, currentOperator } from "@/lib/session";
import { bulkAction } from "./actions";
import { BULK_LIMIT, bulkPreviewText } from "./bulk-texts";
import { bulkPreview, searchNodes, type BulkActionName, type NodeRow, type NodeSearch } from "./queries";

export const metadata: Metadata = { title: "Nodes · Backbeat" };

const FILTERS = ["name", "metadata", "currentStatus", "pastStatus", "statusStart", "statusEnd", "workflowId"] as const;

const BULK_WORDS: Record<BulkActionName, { verb: string; label: string }> = {
  RETRY: { verb: "restart", label: "Bulk retry" },
  CANCEL: { verb: "cancel", label: "Bulk cancel" },
};

/** Runs a read and turns a GraphQL refusal into a message for the page. */
async function attempt<T>(read: () => Promise<T>): Promise<{ value: T | null; error: string | null }> {
  try {
    return { value: await read(), error: null };
  } catch (e) {
    if (e instanceof GraphQLRequestError) return { value: null, error: describeError(e).message };
    throw e;
  }
}

export default async function NodesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const filters = pick(params, FILTERS);
  const after = param(params, "after");
  const bulkParam = param(params, "bulk");
  const bulk: BulkActionName | null = bulkParam === "RETRY" || bulkParam === "CANCEL" ? bulkParam : null;
  const search: NodeSearch = {
    name: filters.name,
    metadata: filters.metadata,
    currentStatus: filters.currentStatus,
    pastStatus: filters.pastStatus,
    statusStart: utcIso(filters.statusStart),
    statusEnd: utcIso(filters.statusEnd),
    workflowId: filters.workflowId,
  };
  // The search as sent (no undefined keys), for the bulk action's hidden field.
  const sentSearch = Object.fromEntries(Object.entries(search).filter(([, v]) => v !== undefined));

  const [operator, results, preview] = await Promise.all([
    currentOperator(),
    attempt(() => searchNodes(search, after)),
    bulk ? attempt(() => bulkPreview(bulk, search)) : Promise.resolve(null),
  ]);
  const acting = canAct(operator);

  return (
    <>
      <h1>Nodes</h1>
      <FiltersDisclosure active={Object.values(filters).filter(Boolean).length}>
        <form method="get" className="filters" data-testid="node-search" role="search">
          <label>
            Name
            <input name="name" defaultValue={filters.name ?? ""} placeholder="any" />
          </label>
          <label>
            Metadata contains
            <input name="metadata" defaultValue={filters.metadata ?? ""} placeholder='e.g. "sku"' />
          </label>
          <label>
            Workflow id
            <input name="workflowId" defaultValue={filters.workflowId ?? ""} placeholder="any" />
          </label>
          <StatusSelect name="currentStatus" label="Status now" value={filters.currentStatus} />
          <StatusSelect name="pastStatus" label="Status was once" value={filters.pastStatus} />
          <TimeRangeInputs start={filters.statusStart} end={filters.statusEnd} />
          <div className="buttons">
            <button type="submit" className="primary">
              Search
            </button>
            <Link href="/nodes">Clear</Link>
          </div>
        </form>
      </FiltersDisclosure>

      {acting ? (
        <section className="panel" aria-labelledby="bulk-title" style={{ marginBottom: 14 }}>
          <h2 id="bulk-title" style={{ marginTop: 0 }}>
            Bulk actions on the errored nodes of this search
          </h2>
          <div className="actions">
            <Link href={hrefWith("/nodes", { ...filters, bulk: "RETRY" })} data-testid="bulk-preview-retry">
              Preview bulk retry
            </Link>
            <Link href={hrefWith("/nodes", { ...filters, bulk: "CANCEL" })} data-testid="bulk-preview-cancel">
              Preview bulk cancel
            </Link>
          </div>
          {bulk && preview ? (
            preview.error ? (
              <p className="error">{preview.error}</p>
            ) : preview.value ? (
              <BulkPreview
                action={bulk}
                count={preview.value.count}
                sample={preview.value.sample}
                search={sentSearch}
              />
            ) : null
          ) : null}
        </section>
      ) : null}

      {results.error ? (
        <p className="error" role="alert">
          {results.error}
        </p>
      ) : null}
      {results.value && results.value.rows.length === 0 ? (
        <p className="empty">No node matches these filters.</p>
      ) : null}
      {results.value && results.value.rows.length > 0 ? (
        <NodeTable rows={results.value.rows} rowTestId="node-row" />
      ) : null}
      {results.value ? (
        <Pager
          path="/nodes"
          query={filters}
          endCursor={results.value.pageInfo.endCursor}
          hasNextPage={results.value.pageInfo.hasNextPage}
          paged={after !== undefined}
        />
      ) : null}
    </>
  );
}

function BulkPreview(props: {
  action: BulkActionName;
  count: number;
  sample: NodeRow[];
  search: Record<string, string | undefined>;
}) {
  const { action, count, sample, search } = props;
  const { verb, label } = BULK_WORDS[action];
  const text = bulkPreviewText(action, count, sample.map((n) => n.name).slice(0, 5));
  return (
    <div>
      <p data-testid="bulk-preview" data-count={count}>
        {text}
      </p>
      {sample.length > 0 ? (
        <details>
          <summary>The first {sample.length} of them</summary>
          <NodeTable rows={sample} rowTestId="bulk-sample-row" />
        </details>
      ) : null}
      {/* Always rendered (disabled at 0), so its result stays on screen after the page revalidates. */}
      <ConfirmAction
        name={`bulk-${action.toLowerCase()}`}
        label={`${label} (${Math.min(count, BULK_LIMIT)})`}
        explanation={`${text}. Each node is ${verb === "restart" ? "restarted" : "canceled"} on its own; if the set of errored nodes has changed since this preview, nothing is done and you are asked to preview again.`}
        action={bulkAction}
        fields={{ action, expectedCount: String(count), search: JSON.stringify(search) }}
        danger={action === "CANCEL"}
        resultTestId="bulk-result"
        disabled={count === 0}
      />
    </div>
  );
}

function NodeTable({ rows, rowTestId }: { rows: NodeRow[]; rowTestId: string }) {
  return (
    <table data-testid="node-results">
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">Workflow</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts / retries left</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((n) => (
          <tr key={n.id} data-testid={`${rowTestId}-${n.id}`}>
            <td>
              <Link href={`/workflows/${encodeURIComponent(n.workflowId)}?node=${encodeURIComponent(n.id)}`}>
                {n.name}
              </Link>
            </td>
            <td>
              <WorkflowLabel id={n.workflowId} name={n.workflow.name} subject={n.workflow.subject} />
            </td>
            <td>
              <span className="counts">
                <StatusBadge kind="server" status={n.serverStatus} />
                <StatusBadge kind="client" status={n.clientStatus} />
              </span>
            </td>
            <td>
              {n.attempt} / {n.retriesRemaining}
            </td>
            <td>{formatTime(n.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
