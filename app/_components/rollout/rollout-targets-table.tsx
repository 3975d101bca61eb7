import type { TargetView } from "./rollout-responses";
import { TargetRow } from "./target-row";

/** Every target in rollout order: per branch, the gateway first, then its hosts. */
export function RolloutTargetsTable({ targets }: { targets: readonly TargetView[] }) {
  return (
    <table className="data-table" aria-label="Targets">
      <thead>
        <tr>
          <th scope="col">Target</th>
          <th scope="col">Branch</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col" className="text-right">
            Duration
          </th>
          <th scope="col">Error</th>
          <th scope="col">
            <span className="sr-only">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {targets.map((t) => (
          <TargetRow key={t.id} target={t} />
        ))}
        {targets.length === 0 && (
          <tr>
            <td colSpan={7} className="py-6 text-center text-slate-500">
              This rollout has no targets (its branches have no gateway and no hosts).
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
