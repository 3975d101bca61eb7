import type { Metadata } from "next";
import { guard } from "@/app/_server/guard";
import { auditQuery } from "@/app/_client/api-queries";
import { AuditTable } from "@/app/_components/audit/audit-table";
import { auditParams, type AuditFilters } from "@/app/_components/audit/audit-filters";
import { PageHeader } from "@/app/_components/page-header";
import { seed, SeededQueries } from "@/app/_components/seeded-queries";
import { FLEET_AUDIT_ENTITY_TYPES, ZAuditQuery } from "@/lib/domain/audit/audit-query";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { firstValues, type SearchParams } from "../_lib/search-params";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;
const ADMIN_CONTEXT = "Every change to the fleet and to users, every rollout and every sign-in";
const FLEET_CONTEXT = "Every change to the fleet and every rollout (user and sign-in events: admins only)";

/** Who changed what, newest first; append-only at the database. Account events are for admins. */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guard("viewer", "page");
  const admin = actor.role === "admin";
  const raw = firstValues(await searchParams);
  const parsed = ZAuditQuery.safeParse({ ...raw, cursor: undefined, limit: PAGE_SIZE });
  const query = parsed.success ? parsed.data : ZAuditQuery.parse({ limit: PAGE_SIZE });
  const filters: AuditFilters = {
    actor: query.actor ?? "",
    action: query.action ?? "",
    entityType: query.entityType ?? "",
    entityId: query.entityId ?? "",
    requestId: query.requestId ?? "",
  };
  const firstPage = await listAuditEvents(actor, query);
  // Infinite-query shape: the first page, fetched without a cursor.
  const firstPageSeed = seed(auditQuery(auditParams(filters), PAGE_SIZE), { pages: [firstPage], pageParams: [null] });
  const entityTypes = admin ? [...FLEET_AUDIT_ENTITY_TYPES, "user"] : [...FLEET_AUDIT_ENTITY_TYPES];
  return (
    <>
      <PageHeader title="Audit log" context={admin ? ADMIN_CONTEXT : FLEET_CONTEXT} />
      <SeededQueries seeds={[firstPageSeed]}>
        <AuditTable initialFilters={filters} limit={PAGE_SIZE} entityTypes={entityTypes} />
      </SeededQueries>
    </>
  );
}
