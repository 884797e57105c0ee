"use client";
import { useActionState } from "react";
import { signInAction, type SignInState } from "./actions";

export function SignInForm({ next, notice }: { next: string; notice: string | null }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { error: null, login: "" });
  return (
    <form action={action} className="signin-form" data-testid="signin-form">
      <h1>Backbeat</h1>
      <p className="muted">Sign in to the operator dashboard.</p>
      {notice && !state.error ? <p className="notice">{notice}</p> : null}
      {state.error ? (
        <p className="error" role="alert" data-testid="signin-error">
          {state.error}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <label>
        Login
        <input name="login" autoComplete="username" required defaultValue={state.login} autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" className="primary" disabled={pending} data-testid="signin-submit">
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="muted small">First sign-in: login “admin” with the server’s admin token as the password.</p>
    </form>
  );
}
