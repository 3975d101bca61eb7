import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { BranchForm } from "@/app/_components/branch/branch-form";
import { PageHeader } from "@/app/_components/page-header";

export const metadata: Metadata = { title: "New branch" };

export default async function NewBranchPage() {
  await guard("admin", "page");
  return (
    <>
      <PageHeader title="New branch" context={<Link href="/">Fleet</Link>} />
      <BranchForm />
    </>
  );
}
