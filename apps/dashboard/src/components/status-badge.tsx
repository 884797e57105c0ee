import { statusLabel, statusTone } from "@/lib/statuses";

type Props = {
  status: string;
  /** Which of the node's two statuses; shown as a prefix and in the test id (status-server / status-client). */
  kind?: "server" | "client";
  count?: number;
};

/** A status in colour AND words (never colour alone). */
export function StatusBadge({ status, kind, count }: Props) {
  return (
    <span
      className={`badge tone-${statusTone(status)}`}
      data-testid={kind ? `status-${kind}` : "status"}
      data-status={status.toLowerCase()}
      title={kind ? `${kind} status: ${statusLabel(status)}` : statusLabel(status)}
    >
      {kind ? <span className="kind">{kind}:</span> : null}
      {statusLabel(status)}
      {count !== undefined ? <span> × {count}</span> : null}
    </span>
  );
}
