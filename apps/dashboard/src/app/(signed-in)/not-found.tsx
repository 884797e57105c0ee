import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p className="empty" data-testid="not-found">
        There is nothing here: the workflow or node does not exist (or it is not visible to you).
      </p>
      <p>
        <Link href="/workflows">All workflows</Link>
      </p>
    </>
  );
}
