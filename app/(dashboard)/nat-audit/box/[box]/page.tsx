import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { guard } from "@/app/_server/guard";
import { PageHeader } from "@/app/_components/page-header";
import { RunNatAuditButton } from "@/app/_components/nat-audit/run-nat-audit-button";
import { parseBoxKey } from "@/lib/domain/health/box-key";
import { roleAllows } from "@/lib/domain/role";
import { latestNatAuditId } from "@/lib/server/nat-audit/get-nat-audit";

type Params = { params: Promise<{ box: string }> };

export const metadata: Metadata = { title: "NAT audit" };

/** A gateway's or host's Audit tab: its latest audit, or a way to make the first. */
export default async function BoxNatAuditPage({ params }: Params) {
  const actor = await guard("viewer", "page");
  const box = decodeURIComponent((await params).box);
  const ref = parseBoxKey(box);
  const latest = ref ? await latestNatAuditId(box) : null;
  if (latest !== null) redirect(`/nat-audit/${latest}`);
  return (
    <>
      <PageHeader title={`NAT audit of ${box}`} context={<Link href="/nat-audit">NAT audit</Link>} />
      <p className="text-sm">
        {ref
          ? "This box has not been audited yet."
          : `${box} names no gateway or host (want gateway:<id> or host:<id>).`}
      </p>
      {ref && roleAllows(actor.role, "operator") && (
        <div className="mt-3">
          <RunNatAuditButton target={{ box }} label={`Audit ${box} now`} />
        </div>
      )}
    </>
  );
}
