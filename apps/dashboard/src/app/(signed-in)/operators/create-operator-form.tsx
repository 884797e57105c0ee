"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { createOperatorAction } from "./actions";
import { ROLES } from "./queries";

const ROLE_HELP = "Viewers read everything; operators also act on workflows and nodes; admins also manage operators.";

export function CreateOperatorForm() {
  const [result, submit, pending] = useActionState<ActionResult | null, FormData>(createOperatorAction, null);
  return (
    <section className="panel" aria-labelledby="create-operator-title" style={{ marginTop: 16 }}>
      <h2 id="create-operator-title" style={{ marginTop: 0 }}>
        Add an operator
      </h2>
      <form action={submit} className="filters" data-testid="create-operator-form">
        <label>
          Login
          <input name="login" required minLength={3} maxLength={64} pattern="[a-zA-Z0-9._@\-]+" autoComplete="off" />
        </label>
        <label>
          Password
          <input name="password" type="password" required minLength={8} autoComplete="new-password" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="VIEWER">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <div className="buttons">
          <button type="submit" className="primary" disabled={pending} data-testid="create-operator-submit">
            {pending ? "Adding…" : "Add operator"}
          </button>
        </div>
      </form>
      <p className="muted small">
        {ROLE_HELP} Logins: 3–64 letters, digits or . _ @ -; passwords: at least 8 characters.
      </p>
      {result ? (
        <p className={result.ok ? "success" : "error"} role="status" data-testid="create-operator-result">
          {result.message}
        </p>
      ) : null}
    </section>
  );
}
