"use client";
// A button that opens a confirmation saying what will happen; confirming submits a server action (a form, so it
// also works as a plain POST) and shows the result in words next to the button.
import { useActionState, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";

type Props = {
  /** Short name, used in test ids: action-<name>. */
  name: string;
  label: string;
  /** What will happen, in full sentences. */
  explanation: string;
  action: (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
  /** Hidden form fields passed to the action (ids, the chosen status, ...). */
  fields: Record<string, string>;
  danger?: boolean;
  confirmLabel?: string;
  /** Test id of the result message (default result-<name>). */
  resultTestId?: string;
  /** Shown but not usable (e.g. nothing to act on); the last result stays visible. */
  disabled?: boolean;
  /** Why it is disabled, in words (the button's tooltip and accessible description). */
  disabledReason?: string;
  /** The recommended action: drawn as the primary button. */
  recommended?: boolean;
  /**
   * The current state of what the action is about: a result whose `stateKey` differs is outdated and hidden
   * (the node has moved on since).
   */
  stateKey?: string;
};

export function ConfirmAction({
  name,
  label,
  explanation,
  action,
  fields,
  danger,
  confirmLabel,
  resultTestId,
  disabled,
  disabledReason,
  recommended,
  stateKey,
}: Props) {
  const [result, submit, pending] = useActionState<ActionResult | null, FormData>(action, null);
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  // Close the dialog once the action has answered.
  useEffect(() => {
    if (result) setOpen(false);
  }, [result]);

  return (
    <div className="confirm-action">
      <button
        type="button"
        className={recommended ? "primary" : danger ? "danger" : undefined}
        data-testid={`action-${name}`}
        data-recommended={recommended ? "true" : undefined}
        disabled={disabled}
        title={disabled ? disabledReason : undefined}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      <dialog ref={dialog} onClose={() => setOpen(false)} aria-labelledby={`confirm-${name}-title`}>
        <form action={submit}>
          <h3 id={`confirm-${name}-title`}>{label}?</h3>
          <p data-testid="confirm-text">{explanation}</p>
          {Object.entries(fields).map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={value} />
          ))}
          <div className="dialog-buttons">
            <button type="button" onClick={() => setOpen(false)} data-testid="cancel-action">
              Cancel
            </button>
            <button
              type="submit"
              className={danger ? "danger" : "primary"}
              disabled={pending}
              data-testid="confirm-action"
            >
              {pending ? "Working…" : (confirmLabel ?? label)}
            </button>
          </div>
        </form>
      </dialog>
      {result && (stateKey === undefined || result.stateKey === undefined || result.stateKey === stateKey) ? (
        <p className={result.ok ? "success" : "error"} role="status" data-testid={resultTestId ?? `result-${name}`}>
          {result.message}
        </p>
      ) : null}
    </div>
  );
}
