import type { BranchWithGateway } from "@/lib/domain/inventory/inventory-views";
import { DefinitionList } from "../definition-list";

/** The branch's addressing: the routable LAN the guests keep and the link-local side the hosts use. */
export function BranchCard({ branch, hostCount }: { branch: BranchWithGateway; hostCount: number }) {
  return (
    <section className="card space-y-3" aria-labelledby="branch-heading">
      {/* Same header height as the gateway card beside it, which has a button. */}
      <div className="flex min-h-7 items-center">
        <h2 id="branch-heading" className="text-sm font-semibold">
          Branch
        </h2>
      </div>
      <DefinitionList
        items={[
          { label: "Name", value: branch.name },
          { label: "Region", value: branch.region },
          { label: "LAN", value: branch.lanCidr, mono: true },
          { label: "Link-local pool", value: branch.linkLocalPool, mono: true },
          { label: "Hosts", value: hostCount },
        ]}
      />
    </section>
  );
}
