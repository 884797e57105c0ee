"use client";
// Search filters behind a "Filters" button on a narrow screen (they would fill its first screen); open on a
// wide one, and whenever a filter is set. Rendered open, so the filters work before (and without) JavaScript.
import { useEffect, useRef, type ReactNode } from "react";

const NARROW = "(max-width: 700px)";

export function FiltersDisclosure({ active, children }: { active: number; children: ReactNode }) {
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current && active === 0 && window.matchMedia(NARROW).matches) details.current.open = false;
  }, [active]);
  return (
    <details ref={details} className="filters-disclosure" open data-testid="filters-disclosure">
      <summary>Filters{active > 0 ? ` (${active} set)` : ""}</summary>
      {children}
    </details>
  );
}
