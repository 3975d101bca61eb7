import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { NewHostForm } from "@/app/_components/host/new-host-form";
import { PageHeader } from "@/app/_components/page-header";
import { getBranch } from "@/lib/server/inventory/get-branch";
import { orNotFound } from "../../../../_lib/or-not-found";

export const metadata: Metadata = { title: "Add host" };

export default async function NewHostPage({ params }: { params: Promise<{ code: string }> }) {
  await guard("admin", "page");
  const { branch } = await orNotFound(async () => getBranch(decodeURIComponent((await params).code)));
  return (
    <>
      <PageHeader
        title="Add host"
        context={
          <>
            <Link href="/">Fleet</Link> /{" "}
            <Link href={`/branches/${encodeURIComponent(branch.code)}`}>{branch.code}</Link> — guests live in{" "}
            <span className="font-mono">{branch.lanCidr}</span>
          </>
        }
      />
      <NewHostForm branchCode={branch.code} />
    </>
  );
}
