import Link from "next/link";
import { hrefWith } from "@/lib/search-params";

type Props = {
  path: string;
  /** The current filters (kept in every link). */
  query: Record<string, string>;
  endCursor: string | null;
  hasNextPage: boolean;
  /** Whether this is a later page (an `after` is set). */
  paged: boolean;
};

/** Keyset pages: "Next page" follows endCursor; back is the browser's (each page is its own URL). */
export function Pager({ path, query, endCursor, hasNextPage, paged }: Props) {
  return (
    <nav className="pager" aria-label="Pages">
      {paged ? (
        <Link href={hrefWith(path, { ...query, after: undefined })} data-testid="first-page">
          ← First page
        </Link>
      ) : null}
      {hasNextPage && endCursor ? (
        <Link href={hrefWith(path, { ...query, after: endCursor })} data-testid="next-page">
          Next page →
        </Link>
      ) : (
        <span className="muted">End of results</span>
      )}
    </nav>
  );
}
