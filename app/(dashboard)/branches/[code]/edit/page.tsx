import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { BranchForm } from "@/app/_components/branch/branch-form";
import { PageHeader } from "@/app/_components/page-header";
import { getBranch } from "@/lib/server/inventory/get-branch";
import { orNotFound } from "../../../_lib/or-not-found";

export const metadata: Metadata = { title: "Edit branch" };

export default async function EditBranchPage({ params }: { params: Promise<{ code: string }> }) {
  await guard("admin", "page");
  const { branch } = await orNotFound(async () => getBranch(decodeURIComponent((await params).code)));
  return (
    <>
      <PageHeader
        title={
          <>
            Edit <span className="font-mono">{branch.code}</span>
          </>
        }
        context={
          <>
            <Link href="/">Fleet</Link> /{" "}
            <Link href={`/branches/${encodeURIComponent(branch.code)}`}>{branch.code}</Link>
          </>
        }
      />
      <BranchForm branch={branch} />
    </>
  );
}
