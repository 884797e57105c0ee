"use client";
// Registers a client application. Its token and signing secret are shown here once, never again.
import { useActionState } from "react";
import { CopyButton } from "@/components/copy-button";
import { createClientAction, type CreateClientState } from "./actions";

export function CreateClientForm() {
  const [state, submit, pending] = useActionState<CreateClientState | null, FormData>(createClientAction, null);
  return (
    <section className="panel clients-create" aria-labelledby="create-client-title">
      <h2 id="create-client-title">Register a client</h2>
      <form action={submit} className="filters" data-testid="create-client-form">
        <label>
          Name
          <input name="name" required maxLength={200} placeholder="shop" />
        </label>
        <label>
          <span>
            Activity endpoint <span className="muted small">(optional)</span>
          </span>
          <input name="activityEndpoint" type="url" placeholder="https://shop.example/activity" />
        </label>
        <label>
          <span>
            Decision endpoint <span className="muted small">(optional)</span>
          </span>
          <input name="decisionEndpoint" type="url" placeholder="defaults to the activity endpoint" />
        </label>
        <label>
          <span>
            Notification endpoint <span className="muted small">(optional)</span>
          </span>
          <input name="notificationEndpoint" type="url" placeholder="https://shop.example/notify" />
        </label>
        <div className="buttons">
          <button type="submit" className="primary" disabled={pending} data-testid="create-client-submit">
            {pending ? "Creating…" : "Create client"}
          </button>
        </div>
      </form>
      <p className="muted small">
        Without an activity endpoint the client pulls its work over a WebSocket (a pull worker).
      </p>
      {state?.ok === false ? (
        <p className="error" role="alert" data-testid="create-client-error">
          {state.message}
        </p>
      ) : null}
      {state?.ok ? <Credentials created={state} /> : null}
    </section>
  );
}

function Credentials({ created }: { created: Extract<CreateClientState, { ok: true }> }) {
  return (
    <div className="credentials" data-testid="client-credentials">
      <p className="warning" role="alert" data-testid="credentials-warning">
        <strong>Copy these now.</strong> Client “{created.name}” was created. Its token and signing secret are shown
        only this once: the server keeps just a hash of the token, and nobody can show either of them again.
      </p>
      <dl className="props">
        <dt>Token</dt>
        <dd className="secret">
          <code id="client-token" data-testid="client-token">
            {created.token}
          </code>
          <CopyButton text={created.token} label="Copy token" testId="copy-token" targetId="client-token" />
        </dd>
        <dt>Signing secret</dt>
        <dd className="secret">
          <code id="client-signing-secret" data-testid="client-signing-secret">
            {created.signingSecret}
          </code>
          <CopyButton
            text={created.signingSecret}
            label="Copy signing secret"
            testId="copy-signing-secret"
            targetId="client-signing-secret"
          />
        </dd>
      </dl>
    </div>
  );
}
