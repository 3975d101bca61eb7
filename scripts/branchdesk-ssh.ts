/**
 * `npm run branchdesk -- ssh <box> [--path support|gateway|direct]`: the web
 * terminal's session in the techie's own terminal. The same paths, pinned-key
 * checks, limits, recording and audit as a browser session (lib/server/terminal
 * open-terminal.ts); only the sink differs: this process's stdin/stdout.
 */
import { StringDecoder } from "node:string_decoder";
import { ZTerminalPath, type TerminalServerMessage } from "../lib/domain/terminal/terminal-protocol";
import type { Actor } from "../lib/server/auth/actor";

const say = (line: string) => process.stderr.write(`\r\n[branchdesk] ${line}\r\n`);

function describe(m: TerminalServerMessage): string | null {
  switch (m.type) {
    case "connecting":
      return `connecting via the ${m.path} path: ${m.route}`;
    case "opened":
      return (
        `connected via the ${m.path} path (${m.route}) in ${m.connectMs} ms; host key ${m.hostKey}; ` +
        `recording ${m.recordsInput ? "output and input" : "output"}; session ${m.sessionId}`
      );
    case "refused": {
      const keys = m.failure.expected ? ` (pinned ${m.failure.expected}, presented ${m.failure.got})` : "";
      const alt = m.alternative ? `; try --path ${m.alternative}` : "";
      return `refused (${m.failure.kind}): ${m.failure.message}${keys}${alt}`;
    }
    case "notice":
      return m.message;
    case "ended":
      return `session ended (${m.reason}): ${m.message}`;
    default:
      return null;
  }
}

export async function sshCommand(actor: Actor, name: string | undefined, path: string | undefined): Promise<number> {
  if (!name) {
    console.error(
      "usage: npm run branchdesk -- ssh <hostname | gateway | guest name | host:ID> [--path support|gateway]",
    );
    return 2;
  }
  const parsedPath = path === undefined ? undefined : ZTerminalPath.safeParse(path);
  if (parsedPath && !parsedPath.success) {
    console.error(`--path: must be support, gateway or direct (got ${JSON.stringify(path)})`);
    return 2;
  }
  const { findTerminalBox } = await import("../lib/server/terminal/find-terminal-box");
  const { openTerminal } = await import("../lib/server/terminal/open-terminal");
  const box = await findTerminalBox(name);
  if (!box) {
    console.error(`ssh: no host, gateway or guest is named ${JSON.stringify(name)}`);
    return 1;
  }
  const tty = process.stdin.isTTY === true;
  let refusedOrLost = false;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const live = await openTerminal({
    actor,
    authSessionId: null,
    client: "cli",
    box,
    path: parsedPath?.data,
    cols: process.stdout.columns ?? 80,
    rows: process.stdout.rows ?? 24,
    sink: {
      output: (chunk) => process.stdout.write(chunk),
      control: (m) => {
        if (m.type === "refused" || (m.type === "ended" && m.reason === "connection-lost")) refusedOrLost = true;
        const line = describe(m);
        if (line) say(line);
      },
      close: () => done(),
    },
  });
  if (!live) return 1;
  if (tty) process.stdin.setRawMode(true);
  const decoder = new StringDecoder("utf8");
  const onInput = (chunk: Buffer) => {
    const text = decoder.write(chunk);
    if (text) live.input(text);
  };
  const onResize = () => live.resize(process.stdout.columns ?? 80, process.stdout.rows ?? 24);
  process.stdin.on("data", onInput);
  process.stdout.on("resize", onResize);
  // Ctrl-C is the remote shell's when the terminal is raw; a signal from elsewhere ends the session cleanly.
  const onSignal = () => void live.end("user", `${actor.username} ended the session (signal)`);
  process.once("SIGTERM", onSignal);
  process.once("SIGHUP", onSignal);
  await finished;
  process.stdin.off("data", onInput);
  process.stdout.off("resize", onResize);
  if (tty) process.stdin.setRawMode(false);
  process.stdin.pause();
  return refusedOrLost ? 1 : 0;
}
