import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { guard } from "@/app/_server/guard";
import { PageHeader } from "@/app/_components/page-header";
import { RolloutProgress } from "@/app/_components/rollout/rollout-progress";
import { seed, SeededQueries } from "@/app/_components/seeded-queries";
import { rolloutQuery } from "@/app/_client/api-queries";
import { roleAllows } from "@/lib/domain/role";
import { getRollout } from "@/lib/server/rollouts/get-rollout";
import { orNotFound } from "../../_lib/or-not-found";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Rollout #${(await params).id}` };
}

/** One rollout (or preview): its progress live, every target's plan, output and error. */
export default async function RolloutPage({ params }: Params) {
  const actor = await guard("viewer", "page");
  const { id: raw } = await params;
  // A hand-typed /rollouts/abc is a page that does not exist, not a server error.
  if (!/^\d{1,9}$/.test(raw)) notFound();
  const id = Number(raw);
  const detail = await orNotFound(() => getRollout(id));
  return (
    <>
      <PageHeader
        title={`${detail.rollout.dryRun ? "Preview" : "Rollout"} #${id}`}
        context={
          <>
            <Link href="/rollouts">Rollouts</Link> / #{id}
          </>
        }
      />
      <SeededQueries seeds={[seed(rolloutQuery(id), detail)]}>
        <RolloutProgress id={id} canOperate={roleAllows(actor.role, "operator")} />
      </SeededQueries>
    </>
  );
}
