import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { GatewayForm } from "@/app/_components/gateway/gateway-form";
import { PageHeader } from "@/app/_components/page-header";
import { getBranch } from "@/lib/server/inventory/get-branch";
import { orNotFound } from "../../../_lib/or-not-found";

export const metadata: Metadata = { title: "Gateway" };

/** Add the branch's gateway, or change it (one per branch). */
export default async function GatewayPage({ params }: { params: Promise<{ code: string }> }) {
  await guard("admin", "page");
  const { branch } = await orNotFound(async () => getBranch(decodeURIComponent((await params).code)));
  return (
    <>
      <PageHeader
        title={branch.gateway ? "Edit gateway" : "Add gateway"}
        context={
          <>
            <Link href="/">Fleet</Link> /{" "}
            <Link href={`/branches/${encodeURIComponent(branch.code)}`}>{branch.code}</Link>
          </>
        }
      />
      <GatewayForm branchCode={branch.code} gateway={branch.gateway} />
    </>
  );
}
