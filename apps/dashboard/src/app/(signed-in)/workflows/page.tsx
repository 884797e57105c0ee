import type { Metadata } from "next";
import Link from "next/link";
import { FiltersDisclosure } from "@/components/filters-disclosure";
import { Pager } from "@/components/pager";
import { StatusCounts } from "@/components/status-counts";
import { StatusSelect } from "@/components/status-select";
import { TimeRangeInputs } from "@/components/time-range-inputs";
import { describeError, GraphQLRequestError } from "@/lib/graphql";
import { compactJson, formatTime, shortSubject } from "@/lib/format";
import { param, pick, utcIso, type SearchParams } from "@/lib/search-params";
import { searchWorkflows, type WorkflowSearch } from "./queries";

export const metadata: Metadata = { title: "Workflows · Backbeat" };

const FILTERS = ["name", "subject", "currentStatus", "pastStatus", "statusStart", "statusEnd"] as const;

export default async function WorkflowsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const filters = pick(params, FILTERS);
  const after = param(params, "after");
  const search: WorkflowSearch = {
    name: filters.name,
    subject: filters.subject,
    currentStatus: filters.currentStatus,
    pastStatus: filters.pastStatus,
    statusStart: utcIso(filters.statusStart),
    statusEnd: utcIso(filters.statusEnd),
  };

  let result: Awaited<ReturnType<typeof searchWorkflows>> | null = null;
  let error: string | null = null;
  try {
    result = await searchWorkflows(search, after);
  } catch (e) {
    if (!(e instanceof GraphQLRequestError)) throw e;
    error = describeError(e).message;
  }

  return (
    <>
      <h1>Workflows</h1>
      <FiltersDisclosure active={Object.values(filters).filter(Boolean).length}>
        <form method="get" className="filters" data-testid="workflow-search" role="search">
          <label>
            Name
            <input name="name" defaultValue={filters.name ?? ""} list="workflow-names" placeholder="any" />
            <datalist id="workflow-names">
              {(result?.names ?? []).map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </label>
          <label>
            Subject contains
            <input name="subject" defaultValue={filters.subject ?? ""} placeholder='e.g. "order": 42' />
          </label>
          <StatusSelect name="currentStatus" label="Has a node now" value={filters.currentStatus} />
          <StatusSelect name="pastStatus" label="Had a node become" value={filters.pastStatus} />
          <TimeRangeInputs start={filters.statusStart} end={filters.statusEnd} />
          <div className="buttons">
            <button type="submit" className="primary">
              Search
            </button>
            <Link href="/workflows">Clear</Link>
          </div>
        </form>
      </FiltersDisclosure>

      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}

      {result && result.rows.length === 0 ? <p className="empty">No workflow matches these filters.</p> : null}

      {result && result.rows.length > 0 ? (
        <table data-testid="workflow-results">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Subject</th>
              <th scope="col">Client</th>
              <th scope="col">Created</th>
              <th scope="col">Nodes by status</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((w) => (
              <tr key={w.id} data-testid={`workflow-row-${w.id}`}>
                <td>
                  <Link href={`/workflows/${w.id}`}>{w.name}</Link>
                  {w.paused ? <span className="badge tone-warn"> paused</span> : null}
                  {w.complete ? <span className="badge tone-ok"> workflow complete</span> : null}
                </td>
                <td className="mono" title={compactJson(w.subject)} data-testid="workflow-subject">
                  {shortSubject(w.subject, 80)}
                </td>
                <td>{w.client.name}</td>
                <td>{formatTime(w.createdAt)}</td>
                <td>
                  <StatusCounts counts={w.statusCounts} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {result ? (
        <Pager
          path="/workflows"
          query={filters}
          endCursor={result.pageInfo.endCursor}
          hasNextPage={result.pageInfo.hasNextPage}
          paged={after !== undefined}
        />
      ) : null}
    </>
  );
}
