import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { PageHeader } from "@/app/_components/page-header";
import { AdoptHandMadeRules } from "@/app/_components/nat-audit/adopt-hand-made-rules";
import { AuditRulesTable } from "@/app/_components/nat-audit/audit-rules-table";
import { DriftList } from "@/app/_components/nat-audit/drift-list";
import { ExportLinks } from "@/app/_components/nat-audit/export-links";
import { CLASS_LABEL, CLASSES, count, when } from "@/app/_components/nat-audit/nat-audit-format";
import { RunNatAuditButton } from "@/app/_components/nat-audit/run-nat-audit-button";
import { roleAllows } from "@/lib/domain/role";
import { parseRowId } from "@/lib/server/errors/parse-row-id";
import { getNatAudit } from "@/lib/server/nat-audit/get-nat-audit";
import { orNotFound } from "../../_lib/or-not-found";

type Params = { params: Promise<{ id: string }> };

const summary = (h: { status: string; rules: number; drift: number }) =>
  h.status === "ok" ? `${count(h.rules)} rules, ${count(h.drift)} drift` : "not read";

export const metadata: Metadata = { title: "NAT audit" };

/** A box's Audit tab: one audit's rules, classes, counters and delta, its drift and the box's history. */
export default async function NatAuditDetailPage({ params }: Params) {
  const actor = await guard("viewer", "page");
  const { id } = await params;
  const detail = await orNotFound(async () => getNatAudit(parseRowId(id, "NAT audit")));
  const { audit, rules, drift, history } = detail;
  // Adoption plans from the box's latest audit: offered there only, to operators, when it found hand-made rules.
  const adoptable =
    roleAllows(actor.role, "operator") &&
    audit.status === "ok" &&
    history[0]?.id === audit.id &&
    rules.some((r) => r.class === "hand-made-equivalent");
  return (
    <>
      <PageHeader
        title={`NAT audit of ${audit.boxName}`}
        context={
          <>
            <Link href="/nat-audit">NAT audit</Link> /{" "}
            <Link href={`/branches/${encodeURIComponent(audit.branchCode)}`}>{audit.branchCode}</Link> / {audit.kind}
          </>
        }
        actions={
          <>
            <ExportLinks params={{ id: String(audit.id) }} what={`the audit of ${audit.boxName}`} />
            {roleAllows(actor.role, "operator") && (
              <RunNatAuditButton target={{ box: audit.box }} label={`Audit ${audit.boxName} now`} />
            )}
            {roleAllows(actor.role, "operator") && audit.kind === "host" && (
              <Link href={`/nat-audit/trace?host=${encodeURIComponent(audit.box)}`}>Trace HQ to this guest</Link>
            )}
          </>
        }
      />
      <div className="space-y-4">
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Audited</dt>
          <dd>
            {when(audit.at)} by {audit.createdBy}
          </dd>
          <dt className="font-medium">Read digest (sha256)</dt>
          <dd className="font-mono text-xs break-all">{audit.digest ?? "—"}</dd>
          <dt className="font-medium">Rules by class</dt>
          <dd>{CLASSES.map((c) => `${CLASS_LABEL[c]} ${count(audit.counts[c] ?? 0)}`).join(" · ")}</dd>
        </dl>
        {audit.status === "failed" && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900">
            The box could not be read: {audit.error}
          </p>
        )}
        <section aria-labelledby="rules-heading" className="space-y-2">
          <h2 id="rules-heading" className="text-sm font-semibold">
            Rules
          </h2>
          <AuditRulesTable rules={rules} />
        </section>
        {adoptable && (
          <section aria-labelledby="adopt-heading" className="space-y-2">
            <h2 id="adopt-heading" className="text-sm font-semibold">
              Adopt hand-made rules
            </h2>
            <AdoptHandMadeRules boxes={[audit.box]} label={audit.boxName} />
          </section>
        )}
        <section aria-labelledby="drift-heading" className="space-y-2">
          <h2 id="drift-heading" className="text-sm font-semibold">
            Drift since the previous audit
          </h2>
          <DriftList drift={drift} label="Drift" />
        </section>
        <section aria-labelledby="history-heading" className="space-y-2">
          <h2 id="history-heading" className="text-sm font-semibold">
            Audits of this box
          </h2>
          <ul className="space-y-1 text-sm">
            {history.map((h) => (
              <li key={h.id}>
                {h.id === audit.id ? (
                  <span className="font-medium">{when(h.at)}</span>
                ) : (
                  <Link href={`/nat-audit/${h.id}`}>{when(h.at)}</Link>
                )}{" "}
                by {h.createdBy} · {summary(h)}
                {h.id !== audit.id && h.status === "ok" && audit.status === "ok" && (
                  <>
                    {" "}
                    · <Link href={`/nat-audit/${audit.id}/diff?against=${h.id}`}>compare with this one</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
