import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { NewHostForm } from "@/app/_components/host/new-host-form";
import { PageHeader } from "@/app/_components/page-header";
import { parseEnrolPrefill } from "@/lib/server/discovery/enrol-prefill";
import { getBranch } from "@/lib/server/inventory/get-branch";
import { orNotFound } from "../../../../_lib/or-not-found";

export const metadata: Metadata = { title: "Add host" };

type Props = {
  params: Promise<{ code: string }>;
  /** From discovery's "Enrol this": linkLocalIp, nicMac, hostKey (parsed; anything else dropped). */
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function NewHostPage({ params, searchParams }: Props) {
  await guard("admin", "page");
  const prefill = parseEnrolPrefill(await searchParams);
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
      <NewHostForm branchCode={branch.code} prefill={prefill} />
    </>
  );
}
