import { ALL_STATUSES } from "@/lib/status-names";
import { statusLabel } from "@/lib/statuses";

/** A <select> of every stored status name (server and client), with "any". */
export function StatusSelect({ name, label, value }: { name: string; label: string; value: string | undefined }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value ?? ""}>
        <option value="">any</option>
        {ALL_STATUSES.map((status) => (
          <option key={status} value={status}>
            {statusLabel(status)}
          </option>
        ))}
      </select>
    </label>
  );
}
