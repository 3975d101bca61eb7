import type { Metadata } from "next";
import { guard } from "@/app/_server/guard";
import { PageHeader } from "@/app/_components/page-header";
import { ExportLinks } from "@/app/_components/nat-audit/export-links";
import { FleetAuditTable } from "@/app/_components/nat-audit/fleet-audit-table";
import { NatAuditFilters } from "@/app/_components/nat-audit/nat-audit-filters";
import { CLASS_LABEL, CLASSES, count } from "@/app/_components/nat-audit/nat-audit-format";
import { RunNatAuditButton } from "@/app/_components/nat-audit/run-nat-audit-button";
import { roleAllows } from "@/lib/domain/role";
import { listNatAudits } from "@/lib/server/nat-audit/list-nat-audits";
import { ZNatAuditListQuery } from "@/lib/server/nat-audit/nat-audit-views";
import { firstValues, type SearchParams } from "../_lib/search-params";

export const metadata: Metadata = { title: "NAT audit" };

/** The fleet's NAT audit (issue 13): each box's latest audit, its rules counted per class. */
export default async function NatAuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guard("viewer", "page");
  const raw = firstValues(await searchParams);
  const filters = { class: raw.class ?? "", branch: raw.branch?.trim() ?? "", kind: raw.kind ?? "" };
  // A filter that does not parse is dropped (and shown as typed), rather than failing the page.
  const apiFilters = Object.fromEntries(
    Object.entries(filters).filter(([k, v]) => v !== "" && ZNatAuditListQuery.safeParse({ [k]: v }).success),
  );
  const { audits, totals } = await listNatAudits(ZNatAuditListQuery.parse(apiFilters));
  return (
    <>
      <PageHeader
        title="NAT audit"
        context="Every nat rule on gateways and hosts, explained: ours, missing, stale, duplicated, shadowed or foreign"
        actions={
          <>
            <ExportLinks params={apiFilters} what="the NAT audit" />
            {roleAllows(actor.role, "operator") && (
              <RunNatAuditButton target={{ fleet: true }} label="Audit the fleet now" />
            )}
          </>
        }
      />
      <div className="space-y-3">
        <NatAuditFilters filters={filters} />
        <section aria-labelledby="nat-totals-heading">
          <h2 id="nat-totals-heading" className="sr-only">
            Totals
          </h2>
          <dl className="flex flex-wrap gap-4 text-sm">
            {CLASSES.map((c) => (
              <div key={c} className="flex gap-1">
                <dt>{CLASS_LABEL[c]}:</dt>
                <dd className="font-semibold tabular-nums">{count(totals[c] ?? 0)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <FleetAuditTable audits={audits} />
      </div>
    </>
  );
}
