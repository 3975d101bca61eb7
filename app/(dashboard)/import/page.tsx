import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { ImportView } from "@/app/_components/import/import-view";
import { PageHeader } from "@/app/_components/page-header";
import { IMPORT_COLUMNS } from "@/lib/domain/import/import-columns";

export const metadata: Metadata = { title: "Import" };

/** Bulk import (issue 11): admins upload a fleet file, preview it, fix it, then commit it in one go. */
export default async function ImportPage() {
  await guard("admin", "page");
  return (
    <>
      <PageHeader
        title="Import"
        context={
          <>
            <Link href="/">Fleet</Link> / branches, gateways, hosts and guests from a CSV or JSON file
          </>
        }
        actions={
          <>
            <a href="/api/v1/export" download className="btn btn-secondary hover:no-underline">
              Export fleet (CSV)
            </a>
          </>
        }
      />
      <p className="mb-4 max-w-4xl text-sm text-slate-700">
        One row per host, with its branch, gateway and guest; headers in any order and case. An empty cell keeps what
        the fleet has. Columns: <span className="font-mono text-xs">{IMPORT_COLUMNS.join(", ")}</span>. An export of the
        fleet is a template: importing it back changes nothing.
      </p>
      <ImportView />
    </>
  );
}
