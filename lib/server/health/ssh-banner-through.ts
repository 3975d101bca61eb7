import type { PathResult } from "@/lib/domain/health/box-probe";
import { forwardThrough } from "@/lib/ssh/connect-ssh";
import type { SshSession } from "@/lib/ssh/connect-ssh";
import type { SshTarget } from "@/lib/ssh/ssh-target";

/**
 * Is the target's sshd answering behind the gateway? A direct-tcpip channel through the
 * gateway's session to the target's address, until the server's identification line
 * ("SSH-2.0-...", RFC 4253 section 4.2), which an sshd sends before any key exchange. No handshake, so
 * it costs the box one accept, not a login; the host key is verified on the support path.
 */
export async function sshBannerThrough(via: SshSession, target: SshTarget, timeoutMs: number): Promise<PathResult> {
  const started = performance.now();
  const where = `${target.address}:${target.port} through ${via.target.label}`;
  const tunnel = await forwardThrough(via, target, timeoutMs);
  if (!tunnel.ok) {
    const e = tunnel.error as { code?: string; message?: string };
    const why =
      e.code === "ECONNREFUSED"
        ? "connection refused"
        : e.code === "ETIMEDOUT"
          ? `no answer within ${timeoutMs} ms`
          : (e.message ?? "unreachable");
    return { ok: false, reason: `link-local sshd ${where}: ${why}` };
  }
  const stream = tunnel.value;
  return new Promise<PathResult>((resolve) => {
    let text = "";
    let settled = false;
    const done = (r: PathResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.removeAllListeners("data");
      stream.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () => done({ ok: false, reason: `link-local sshd ${where}: no SSH banner within ${timeoutMs} ms` }),
      timeoutMs,
    );
    stream.on("data", (d: Buffer) => {
      text += d.toString("latin1");
      if (/^SSH-/m.test(text)) done({ ok: true, ms: Math.round((performance.now() - started) * 10) / 10 });
      else if (text.length > 8192) done({ ok: false, reason: `link-local sshd ${where}: answers, but not as sshd` });
    });
    stream.on("error", (e: Error) => done({ ok: false, reason: `link-local sshd ${where}: ${e.message}` }));
    stream.on("close", () => done({ ok: false, reason: `link-local sshd ${where}: closed before its banner` }));
  });
}
