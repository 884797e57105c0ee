// Pause, resume and complete, each behind a confirmation that says what will happen. Pause and resume share one
// slot (same position, so the last result stays visible when the page revalidates and the button flips).
import { ConfirmAction } from "@/components/confirm-action";
import { workflowAction } from "./actions";
import type { WorkflowHeader } from "./queries";

export function WorkflowActions({ workflow }: { workflow: WorkflowHeader }) {
  const fields = (op: string) => ({ op, workflowId: workflow.id });
  const pauseOrResume = workflow.paused
    ? {
        name: "resume",
        label: "Resume workflow",
        explanation: `Resume “${workflow.name}”: its paused nodes are started again and new work runs as usual.`,
      }
    : {
        name: "pause",
        label: "Pause workflow",
        explanation: `Pause “${workflow.name}”: nodes that are due to start wait (status paused) until you resume it. Nodes already sent to a client are not recalled.`,
      };
  return (
    <div>
      <div className="actions">
        <ConfirmAction
          {...pauseOrResume}
          action={workflowAction}
          fields={fields(pauseOrResume.name)}
          resultTestId="result-pause-resume"
          disabled={workflow.complete}
        />
        <ConfirmAction
          name="complete"
          label="Complete workflow"
          explanation={`Mark “${workflow.name}” complete: from then on, new signals to it are refused. Nodes already in it are not changed. This cannot be undone.`}
          action={workflowAction}
          fields={fields("complete")}
          danger
          disabled={workflow.complete}
        />
      </div>
      {workflow.complete ? <p className="muted">This workflow is complete: it takes no more signals.</p> : null}
    </div>
  );
}
