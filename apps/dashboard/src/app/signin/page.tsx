import type { Metadata } from "next";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Backbeat" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = typeof params.next === "string" ? params.next : "/";
  const notice = params.expired ? "Your session has ended. Please sign in again." : null;
  return (
    <main className="signin">
      <SignInForm next={next} notice={notice} />
    </main>
  );
}
