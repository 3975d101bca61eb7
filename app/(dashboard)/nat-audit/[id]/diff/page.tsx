import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { PageHeader } from "@/app/_components/page-header";
import { DriftList } from "@/app/_components/nat-audit/drift-list";
import { when } from "@/app/_components/nat-audit/nat-audit-format";
import { parseRowId } from "@/lib/server/errors/parse-row-id";
import { diffNatAudits } from "@/lib/server/nat-audit/diff-nat-audits";
import { orNotFound } from "../../../_lib/or-not-found";
import { firstValues, type SearchParams } from "../../../_lib/search-params";

type Props = { params: Promise<{ id: string }>; searchParams: SearchParams };

export const metadata: Metadata = { title: "NAT audit diff" };

/** Two audits of one box: what was added, removed and reprinted, and what of it is drift. */
export default async function NatAuditDiffPage({ params, searchParams }: Props) {
  await guard("viewer", "page");
  const { id } = await params;
  const against = firstValues(await searchParams).against ?? "";
  const diff = await orNotFound(async () =>
    diffNatAudits(parseRowId(id, "NAT audit"), parseRowId(against, "NAT audit")),
  );
  const rows = (label: string, list: { table: string; chain: string; text: string }[]) => (
    <section aria-label={label} className="space-y-1">
      <h2 className="text-sm font-semibold">
        {label} ({list.length})
      </h2>
      <ul className="space-y-1 font-mono text-xs">
        {list.map((r, i) => (
          <li key={i} className="break-all">
            {r.table} {r.chain}: {r.text}
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <>
      <PageHeader
        title={`NAT audit diff: ${diff.newer.boxName}`}
        context={
          <>
            <Link href={`/nat-audit/${diff.older.id}`}>{when(diff.older.at)}</Link> →{" "}
            <Link href={`/nat-audit/${diff.newer.id}`}>{when(diff.newer.at)}</Link>
          </>
        }
      />
      <div className="space-y-4">
        <p className="text-sm">
          Branchdesk rollouts on this box in between:{" "}
          {diff.rollouts.length === 0
            ? "none"
            : diff.rollouts.map((r, i) => (
                <span key={r}>
                  {i > 0 && ", "}
                  <Link href={`/rollouts/${r}`}>#{r}</Link>
                </span>
              ))}
        </p>
        <section aria-labelledby="diff-drift-heading" className="space-y-2">
          <h2 id="diff-drift-heading" className="text-sm font-semibold">
            Drift (not made by Branchdesk)
          </h2>
          <DriftList drift={diff.drift} label="Drift between the two audits" />
        </section>
        {rows("Added", diff.added)}
        {rows("Removed", diff.removed)}
        {rows("Changed", diff.changed)}
      </div>
    </>
  );
}
