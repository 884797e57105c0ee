"use client";
// Copies a secret to the clipboard and says so. Where the Clipboard API is unavailable (a page served over
// plain http to another host), the text is selected instead so that Ctrl+C copies it.
import { useState } from "react";

type Props = { text: string; label: string; testId: string; targetId: string };

export function CopyButton({ text, label, testId, targetId }: Props) {
  const [state, setState] = useState<"idle" | "copied" | "select">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      const target = document.getElementById(targetId);
      if (target) window.getSelection()?.selectAllChildren(target);
      setState("select");
    }
  };
  return (
    <button type="button" data-testid={testId} onClick={() => void copy()} aria-live="polite">
      {state === "copied" ? "Copied" : state === "select" ? "Selected: press Ctrl+C" : label}
    </button>
  );
}
