"use client";
// Whatever a page or the signed-in layout failed on (most often: the Backbeat server is unreachable). In
// production Next hides the server's message; the digest ties this view to the dashboard's log line.
import Link from "next/link";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page">
      <h1>This page could not be loaded</h1>
      <p className="error" role="alert" data-testid="page-error">
        The dashboard could not get its data from the Backbeat server. It may be unreachable or restarting.
        {error.digest ? <span className="muted small"> (reference {error.digest})</span> : null}
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={reset}>
          Try again
        </button>
        <Link href="/signin">Sign in again</Link>
      </div>
    </main>
  );
}
