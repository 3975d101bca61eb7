import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { PageHeader } from "@/app/_components/page-header";
import { NatTraceForm } from "@/app/_components/nat-audit/nat-trace-form";

type Search = { searchParams: Promise<{ host?: string | string[] }> };

export const metadata: Metadata = { title: "NAT trace" };

/**
 * "Why can't head office reach this desktop?" (issue 13): simulates HQ -> a guest's IP:22 through
 * the running nat rules of its gateway and host, beside a live probe. Operators: it reads the boxes
 * over SSH, as the POST /nat-audits/trace route it calls does.
 */
export default async function NatTracePage({ searchParams }: Search) {
  await guard("operator", "page");
  const raw = (await searchParams).host;
  const host = typeof raw === "string" ? raw : "";
  return (
    <>
      <PageHeader title="NAT trace" context={<Link href="/nat-audit">NAT audit</Link>} />
      <NatTraceForm initialHost={host} />
    </>
  );
}
