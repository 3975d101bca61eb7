import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { guard } from "@/app/_server/guard";
import { LiveTerminal } from "@/app/_components/terminal/live-terminal";
import { ZBoxRef, ZTerminalPath } from "@/lib/domain/terminal/terminal-protocol";
import { describeTerminalBox } from "@/lib/server/terminal/describe-terminal-box";
import { orNotFound } from "../../_lib/or-not-found";
import { firstValues, type SearchParams } from "../../_lib/search-params";

export const metadata: Metadata = { title: "Terminal" };

/**
 * A full-window terminal on a host or gateway: /terminal/host:12, /terminal/gateway:3,
 * optionally ?path=gateway (a host through its gateway). Operators and admins; the
 * socket checks the role again when it opens.
 */
export default async function TerminalPage({
  params,
  searchParams,
}: {
  params: Promise<{ box: string }>;
  searchParams: SearchParams;
}) {
  await guard("operator", "page");
  const ref = ZBoxRef.safeParse(decodeURIComponent((await params).box));
  if (!ref.success) notFound();
  const box = await orNotFound(() => describeTerminalBox(ref.data));
  const requested = ZTerminalPath.safeParse(firstValues(await searchParams).path);
  const path = requested.success ? requested.data : null;
  const boxText = `${box.ref.kind}:${box.ref.id}`;
  return (
    <div className="fixed inset-0 z-40 flex flex-col bg-slate-900 text-slate-100">
      <div className="flex items-center gap-4 border-b border-slate-700 px-3 py-1.5 text-sm">
        <Link href={box.href} className="text-slate-200">
          ← Back
        </Link>
        <h1 className="font-semibold">
          Terminal: <span className="font-mono">{box.hostname}</span>{" "}
          <span className="font-normal text-slate-300">
            ({box.ref.kind}, {box.branchCode})
          </span>
        </h1>
        <span className="ml-auto text-xs text-slate-300">Copy: select, Ctrl+Shift+C · Paste: Ctrl+Shift+V</span>
      </div>
      <div className="min-h-0 flex-1">
        <LiveTerminal box={boxText} initialPath={path} />
      </div>
    </div>
  );
}
