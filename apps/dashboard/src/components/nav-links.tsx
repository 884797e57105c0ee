"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/workflows", label: "Workflows" },
  { href: "/nodes", label: "Nodes" },
  { href: "/clients", label: "Clients" },
  { href: "/audit", label: "Audit log" },
  { href: "/operators", label: "Operators" },
  { href: "/explorer", label: "Explorer" },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="nav-links">
      {LINKS.map(({ href, label }) => {
        const active = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              data-testid={`nav-${label.toLowerCase().replace(" ", "-")}`}
            >
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
