import type { Metadata } from "next";
import { guard } from "@/app/_server/guard";
import { PageHeader } from "@/app/_components/page-header";
import { RolloutsTable } from "@/app/_components/rollout/rollouts-table";
import { seed, SeededQueries } from "@/app/_components/seeded-queries";
import { rolloutsQuery } from "@/app/_client/api-queries";
import { listRollouts } from "@/lib/server/rollouts/list-rollouts";

export const metadata: Metadata = { title: "Rollouts" };

const HISTORY = 100;

/** Every rollout and preview, newest first: who pushed what to which branches, and how it ended. */
export default async function RolloutsPage() {
  await guard("viewer", "page");
  const params = { limit: String(HISTORY) };
  const rollouts = await listRollouts({ limit: HISTORY });
  return (
    <>
      <PageHeader
        title="Rollouts"
        context={`The last ${HISTORY} rollouts and previews; the audit log keeps every one`}
      />
      <SeededQueries seeds={[seed(rolloutsQuery(params), rollouts)]}>
        <RolloutsTable params={params} label="Rollouts" />
      </SeededQueries>
    </>
  );
}
