import type { SshFailure } from "./ssh-failure";

export type SshErrorContext = {
  where: string;
  address: string;
  port: number;
  username: string;
  /** The connect timeout in force (for "timeout" messages). */
  timeoutMs: number;
  /** "connect": before the session was ready; "session": a live connection died. */
  phase: "connect" | "session";
};

// Resolver failures: getaddrinfo's codes as node reports them.
const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME"]);
const UNREACHABLE_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN", "EADDRNOTAVAIL"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

function field(error: unknown, name: "code" | "level" | "message"): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const v = (error as Record<string, unknown>)[name];
  return typeof v === "string" ? v : undefined;
}

/**
 * Maps a node socket / ssh2 error to an SshFailure by its `code` (errno name)
 * and ssh2's `level`, never by message text: messages change between versions
 * and locales, codes do not. The error's own message is only quoted as detail.
 * Host-key refusals never reach this function: the hostVerifier records them.
 */
export function classifySshError(error: unknown, ctx: SshErrorContext): SshFailure {
  const code = field(error, "code");
  const level = field(error, "level");
  const detail = field(error, "message") ?? String(error);
  const { where } = ctx;

  if ((code && DNS_CODES.has(code)) || level === "client-dns") {
    return {
      kind: "dns",
      where,
      code: code ?? "client-dns",
      message:
        `cannot resolve ${where}: DNS lookup of ${ctx.address} failed (${code ?? "no address"}). ` +
        `Check the name in the inventory and the dashboard's resolver.`,
    };
  }
  if (code === "ECONNREFUSED") {
    return {
      kind: "refused",
      where,
      message:
        `connection to ${where} refused: nothing listens on port ${ctx.port}. ` +
        `Check that sshd runs on the box and the port in the inventory is right.`,
    };
  }
  if (code && UNREACHABLE_CODES.has(code)) {
    return {
      kind: "unreachable",
      where,
      code,
      message:
        `${where} is unreachable from the dashboard (${code}): no route to ${ctx.address}. ` +
        `Check the route to the branch and that its gateway is up.`,
    };
  }
  if (level === "client-authentication") {
    return {
      kind: "auth",
      where,
      username: ctx.username,
      message:
        `authentication as ${ctx.username} on ${where} failed: the server refused the fleet key. ` +
        `Install the fleet public key in ${ctx.username}'s authorized_keys on the box.`,
    };
  }
  if (code === "ETIMEDOUT" || level === "client-timeout") {
    const message =
      ctx.phase === "session"
        ? `connection to ${where} was lost: the box stopped answering keepalives. ` +
          `It may have rebooted or lost its network; reconnect and check it.`
        : `no SSH handshake with ${where} within ${ctx.timeoutMs} ms: the box may be down, ` +
          `a firewall may drop port ${ctx.port}, or sshd is overloaded (MaxStartups).`;
    return { kind: "timeout", where, timeoutMs: ctx.timeoutMs, message };
  }
  if (code && RESET_CODES.has(code)) {
    return {
      kind: "protocol",
      where,
      message:
        `${where} reset the connection (${code})` +
        (ctx.phase === "connect"
          ? " during the handshake: sshd dropped it (MaxStartups throttling, TCP wrappers or fail2ban); " +
            "retry later and check the box's sshd log"
          : "; the session is gone, reconnect") +
        ".",
    };
  }
  return {
    kind: "protocol",
    where,
    message:
      `SSH ${level ?? "protocol"} error with ${where}: ${detail}. ` +
      `Check the box's sshd log (journalctl -u ssh) for the reason.`,
  };
}
