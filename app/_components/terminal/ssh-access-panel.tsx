"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ApiError } from "@/app/_client/api-error";
import { sshAccessQuery } from "@/app/_client/api-queries";
import type { SshAccessPath } from "@/lib/domain/terminal/ssh-access-views";
import { CopyButton } from "./copy-button";

type Box = { kind: "host"; id: number } | { kind: "gateway"; branchCode: string };

/**
 * "Copy SSH command": for techies who prefer their own terminal, the exact ssh
 * lines of the paths the web terminal takes (checking the same pinned keys via
 * HostKeyAlias), an ssh:// link, and the known_hosts lines those checks need.
 * Loaded when asked for: the panel opens on the first click.
 */
export function SshAccessPanel({ box }: { box: Box }) {
  const [open, setOpen] = useState(false);
  const query = useQuery({ ...sshAccessQuery(box), enabled: open });
  const headingId = useId();
  return (
    <section className="card space-y-3" aria-labelledby={headingId}>
      <div className="flex min-h-7 items-center justify-between gap-2">
        <h2 id={headingId} className="text-sm font-semibold">
          SSH from your own terminal
        </h2>
        {!open && (
          <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
            Copy SSH command
          </button>
        )}
      </div>
      {open && query.isPending && <p className="text-sm text-slate-600">Loading the ssh lines…</p>}
      {open && query.error && (
        <p role="alert" className="text-sm text-red-800">
          {query.error instanceof ApiError ? query.error.message : "the ssh lines could not be loaded"}
        </p>
      )}
      {query.data && (
        <div className="space-y-3" data-testid="ssh-access">
          {query.data.paths.map((p) => (
            <SshLine key={p.path} line={p} />
          ))}
          {query.data.unavailable.map((u) => (
            <p key={u.path} className="text-sm text-slate-600" data-testid={`ssh-unavailable-${u.path}`}>
              No {u.path} line: {u.reason}
            </p>
          ))}
          <div className="space-y-1">
            <div className="flex items-center gap-2 text-sm">
              <span className="font-medium">known_hosts lines</span>
              <CopyButton text={query.data.knownHosts} label="Copy known_hosts" />
            </div>
            <pre
              tabIndex={0}
              className="overflow-x-auto rounded bg-slate-100 p-2 text-xs"
              data-testid="ssh-known-hosts"
            >
              {query.data.knownHosts}
            </pre>
          </div>
        </div>
      )}
    </section>
  );
}

function SshLine({ line }: { line: SshAccessPath }) {
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{line.label}</span>
        <CopyButton text={line.command} label="Copy SSH command" testId={`copy-ssh-${line.path}`} />
        {line.uri && (
          <a href={line.uri} className="text-xs" data-testid={`ssh-uri-${line.path}`}>
            {line.uri}
          </a>
        )}
      </div>
      <pre
        tabIndex={0}
        className="overflow-x-auto rounded bg-slate-100 p-2 text-xs"
        data-testid={`ssh-command-${line.path}`}
      >
        {line.command}
      </pre>
      {line.jumpCommand && (
        <details className="text-xs">
          <summary className="cursor-pointer text-slate-600">The same with -J</summary>
          <p className="my-1 text-slate-600">
            ssh starts a -J hop without the -o options, so it checks the gateway&apos;s key under its address, not its
            hostname: file the gateway&apos;s key under its address first.
          </p>
          <pre tabIndex={0} className="overflow-x-auto rounded bg-slate-100 p-2">
            {line.jumpCommand}
          </pre>
        </details>
      )}
    </div>
  );
}
