import type { ReactNode } from "react";
import { NavLinks } from "@/components/nav-links";
import { currentOperator } from "@/lib/session";
import { signOutAction } from "../actions/sign-out";

// Every page below reads live data with the visitor's session: never prerender or cache.
export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const operator = await currentOperator();
  return (
    <>
      <a className="skip-link" href="#main" data-testid="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Backbeat</span>
        <nav aria-label="Main">
          <NavLinks />
        </nav>
        <div className="who">
          <span data-testid="signed-in-as">
            {operator.login} <span className="role">({operator.role.toLowerCase()})</span>
          </span>
          <form action={signOutAction}>
            <button type="submit" className="link-button" data-testid="sign-out">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main className="page" id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
