import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { apiPaths } from "@/app/_client/api-paths";
import { DefinitionList } from "@/app/_components/definition-list";
import { PageHeader } from "@/app/_components/page-header";
import { formatDuration } from "@/app/_components/rollout/format-duration";
import { ReplayPlayer } from "@/app/_components/terminal/replay-player";
import { formatBytes, PATH_LABEL } from "@/app/_components/terminal/terminal-labels";
import { WatchLive } from "@/app/_components/terminal/watch-live";
import { roleAllows } from "@/lib/domain/role";
import { ZTerminalSessionIdParams } from "@/lib/domain/terminal/terminal-session-views";
import { getTerminalSession } from "@/lib/server/terminal/get-terminal-session";
import { AppError } from "@/lib/server/errors/app-error";
import { orNotFound } from "../../_lib/or-not-found";

export const metadata: Metadata = { title: "Terminal session" };

/** One terminal session: who, which box and path, when, how much, why it ended; its replay; for admins, the file. */
export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await guard("viewer", "page");
  const { session: s, recording } = await orNotFound(async () => {
    const parsed = ZTerminalSessionIdParams.safeParse({ id: decodeURIComponent((await params).id) });
    if (!parsed.success) throw new AppError("not_found", "no such terminal session");
    return getTerminalSession(parsed.data.id);
  });
  const admin = roleAllows(actor.role, "admin");
  const live = s.endedAt === null;
  const boxHref = s.box.kind === "host" ? `/hosts/${s.box.id}` : `/branches/${encodeURIComponent(s.branchCode)}`;
  return (
    <>
      <PageHeader
        title={
          <>
            Session on <span className="font-mono">{s.box.name}</span>
          </>
        }
        context={
          <>
            <Link href="/sessions">Terminal sessions</Link> / {s.branchCode} / {s.username}
          </>
        }
        actions={
          admin &&
          recording.available && (
            <a href={apiPaths.terminalCast(s.id)} download className="btn btn-secondary hover:no-underline">
              Download .cast
            </a>
          )
        }
      />
      <div className="space-y-4">
        <section className="card" aria-label="Session details">
          <DefinitionList
            items={[
              { label: "User", value: `${s.username} (${s.client})` },
              { label: "Box", value: <Link href={boxHref}>{`${s.box.name} (${s.box.kind})`}</Link> },
              { label: "Path", value: PATH_LABEL[s.path] },
              { label: "Route", value: s.route, mono: true },
              { label: "Started (UTC)", value: s.startedAt, mono: true },
              { label: "Ended (UTC)", value: s.endedAt ?? "still running", mono: true },
              { label: "Duration", value: live ? "live" : formatDuration(s.durationMs) },
              { label: "Bytes in / out", value: `${formatBytes(s.bytesIn)} / ${formatBytes(s.bytesOut)}` },
              { label: "End", value: s.endReason ? `${s.endReason}: ${s.endMessage ?? ""}` : null },
              {
                label: "Recording",
                value: `${formatBytes(recording.fileBytes)}, ${s.recordsInput ? "output and input" : "output only"}${
                  s.recordingStopped ? ` — stopped: ${s.recordingStopped}` : ""
                }`,
              },
              { label: "Size", value: `${s.cols}x${s.rows}`, mono: true },
            ]}
          />
        </section>
        {admin && live && (
          <section className="card space-y-2" aria-labelledby="watch-heading">
            <h2 id="watch-heading" className="text-sm font-semibold">
              Live
            </h2>
            <WatchLive sessionId={s.id} />
          </section>
        )}
        <section className="card space-y-2" aria-labelledby="replay-heading">
          <h2 id="replay-heading" className="text-sm font-semibold">
            Replay
          </h2>
          {recording.available ? (
            <ReplayPlayer sessionId={s.id} />
          ) : (
            <p className="text-sm text-slate-600">The recording of this session is not on disk.</p>
          )}
        </section>
      </div>
    </>
  );
}
