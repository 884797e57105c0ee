// A workflow as list rows name it: its name (a link) and its subject, shortened, so rows of the same workflow
// name ("camera purchase" on every row) can be told apart. The full subject is the title.
import Link from "next/link";
import { compactJson, shortSubject } from "@/lib/format";

type Props = { id: string; name: string; subject: unknown; href?: string };

export function WorkflowLabel({ id, name, subject, href }: Props) {
  return (
    <span className="workflow-label">
      <Link href={href ?? `/workflows/${encodeURIComponent(id)}`}>{name}</Link>{" "}
      <span className="subject mono" title={compactJson(subject)} data-testid="workflow-subject">
        {shortSubject(subject)}
      </span>
    </span>
  );
}
