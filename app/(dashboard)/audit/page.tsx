import type { Metadata } from "next";
import { guard } from "@/app/_server/guard";
import { queryKeys } from "@/app/_client/query-keys";
import { AuditTable } from "@/app/_components/audit/audit-table";
import { auditParams, type AuditFilters } from "@/app/_components/audit/audit-filters";
import { PageHeader } from "@/app/_components/page-header";
import { SeededQueries } from "@/app/_components/seeded-queries";
import { ZAuditQuery } from "@/lib/domain/inventory/audit-query";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { firstValues, type SearchParams } from "../_lib/search-params";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

/** Who changed what, newest first; append-only at the database. */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await guard("viewer", "page");
  const raw = firstValues(await searchParams);
  const parsed = ZAuditQuery.safeParse({ ...raw, cursor: undefined, limit: PAGE_SIZE });
  const query = parsed.success ? parsed.data : ZAuditQuery.parse({ limit: PAGE_SIZE });
  const filters: AuditFilters = { actor: query.actor ?? "", action: query.action ?? "", entityType: query.entityType ?? "", entityId: query.entityId ?? "" };
  const firstPage = await listAuditEvents(query);
  return (
    <>
      <PageHeader title="Audit log" context="Every change to inventory and users, and every sign-in" />
      {/* Infinite-query shape: the first page, fetched without a cursor. */}
      <SeededQueries seeds={[[queryKeys.audit(auditParams(filters)), { pages: [firstPage], pageParams: [null] }]]}>
        <AuditTable initialFilters={filters} limit={PAGE_SIZE} />
      </SeededQueries>
    </>
  );
}
