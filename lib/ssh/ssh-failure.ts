import type { HostKeyFingerprint } from "./host-key-fingerprint";

/**
 * Every way an SSH step can fail, as a value. `where` is the target as a techie
 * knows it ("host br-0001-h01 (198.18.1.10:22)"); `message` says what failed,
 * where, and what to do, and is safe to show in the dashboard (no key material).
 */
export type SshFailure =
  | { kind: "dns"; where: string; message: string; code: string }
  /** The address (or what its name resolves to) is one the dashboard never connects to: loopback, metadata, ... */
  | { kind: "address-refused"; where: string; message: string }
  | { kind: "refused"; where: string; message: string }
  | { kind: "timeout"; where: string; message: string; timeoutMs: number }
  | { kind: "unreachable"; where: string; message: string; code: string }
  | { kind: "auth"; where: string; message: string; username: string }
  | { kind: "host-key-mismatch"; where: string; message: string; expected: HostKeyFingerprint; got: HostKeyFingerprint }
  | { kind: "host-key-unpinned"; where: string; message: string }
  | {
      kind: "command-failed";
      where: string;
      message: string;
      command: string;
      exitCode: number | null;
      signal: string | null;
      stdout: string;
      stderrTail: string;
      durationMs: number;
    }
  | {
      kind: "command-timeout";
      where: string;
      message: string;
      command: string;
      timeoutMs: number;
      killed: boolean;
      stderrTail: string;
      durationMs: number;
    }
  | { kind: "protocol"; where: string; message: string };

export type SshFailureKind = SshFailure["kind"];

/** The last lines of stderr: enough to see the error, bounded for logs and the UI. */
export function tail(text: string, maxLines = 20, maxChars = 2000): string {
  const lines = text.trimEnd().split("\n").slice(-maxLines).join("\n");
  return lines.length > maxChars ? `…${lines.slice(-maxChars)}` : lines;
}

export function hostKeyMismatch(where: string, expected: HostKeyFingerprint, got: HostKeyFingerprint): SshFailure {
  return {
    kind: "host-key-mismatch",
    where,
    expected,
    got,
    message:
      `host key for ${where} changed since it was pinned: expected ${expected}, got ${got} — refusing to connect. ` +
      `If the box was reinstalled, re-trust its key.`,
  };
}

export function hostKeyUnpinned(where: string): SshFailure {
  return {
    kind: "host-key-unpinned",
    where,
    message:
      `${where} has no pinned host key — refusing to connect. ` + `Scan its key and have an operator trust it first.`,
  };
}

export function commandFailed(
  where: string,
  command: string,
  r: { exitCode: number | null; signal: string | null; stdout: string; stderr: string; durationMs: number },
): SshFailure {
  const stderrTail = tail(r.stderr);
  const how =
    r.exitCode !== null ? `exited with code ${r.exitCode}` : `was killed by signal ${r.signal ?? "(unknown)"}`;
  return {
    kind: "command-failed",
    where,
    command,
    exitCode: r.exitCode,
    signal: r.signal,
    stdout: r.stdout,
    stderrTail,
    durationMs: r.durationMs,
    message: `${command} on ${where} ${how}${stderrTail ? `: ${stderrTail}` : " (no stderr)"}`,
  };
}

export function commandTimeout(
  where: string,
  command: string,
  timeoutMs: number,
  stderr: string,
  durationMs: number,
  killedGroup: number | null,
): SshFailure {
  const fate =
    killedGroup !== null
      ? `it was killed (SIGKILL to process group ${killedGroup})`
      : "killing it failed, so it may still be running on the box";
  return {
    kind: "command-timeout",
    where,
    command,
    timeoutMs,
    stderrTail: tail(stderr),
    durationMs,
    killed: killedGroup !== null,
    message:
      `${command} on ${where} did not finish within ${timeoutMs} ms; ${fate}. ` +
      `Check what blocks on the box, or raise the timeout.`,
  };
}
