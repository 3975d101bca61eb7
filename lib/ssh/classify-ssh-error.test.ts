import { describe, expect, it } from "vitest";
import { classifySshError, type SshErrorContext } from "./classify-ssh-error";

const ctx: SshErrorContext = {
  where: "host br-0001-h01 (198.18.1.10:22)",
  address: "198.18.1.10",
  port: 22,
  username: "root",
  timeoutMs: 10_000,
  phase: "connect",
};

// Shaped like the errors node's net module and ssh2 emit; the messages are
// deliberately misleading to prove classification ignores message text.
const e = (props: Record<string, string>) =>
  Object.assign(new Error("Host denied (verification failed) ECONNREFUSED"), props);

describe("classifySshError maps by code and level, never by message", () => {
  it.each([
    [{ code: "ENOTFOUND", level: "client-socket" }, "dns"],
    [{ code: "EAI_AGAIN", level: "client-socket" }, "dns"],
    [{ level: "client-dns" }, "dns"],
    [{ code: "ECONNREFUSED", level: "client-socket" }, "refused"],
    [{ code: "EHOSTUNREACH", level: "client-socket" }, "unreachable"],
    [{ code: "ENETUNREACH", level: "client-socket" }, "unreachable"],
    [{ code: "ETIMEDOUT", level: "client-socket" }, "timeout"],
    [{ level: "client-timeout" }, "timeout"],
    [{ level: "client-authentication" }, "auth"],
    [{ code: "ECONNRESET", level: "client-socket" }, "protocol"],
    [{ level: "handshake" }, "protocol"],
    [{ level: "protocol" }, "protocol"],
    [{}, "protocol"],
  ])("%o -> %s", (props, kind) => {
    const failure = classifySshError(e(props), ctx);
    expect(failure.kind).toBe(kind);
    expect(failure.where).toBe(ctx.where);
    expect(failure.message).toContain("host br-0001-h01");
  });

  it("non-Error values become protocol failures instead of throwing", () => {
    expect(classifySshError("boom", ctx).kind).toBe("protocol");
    expect(classifySshError(null, ctx).kind).toBe("protocol");
  });

  it("messages tell the techie what to do", () => {
    expect(classifySshError(e({ code: "ECONNREFUSED" }), ctx).message).toMatch(/nothing listens on port 22.*sshd runs/);
    expect(classifySshError(e({ level: "client-authentication" }), ctx).message).toMatch(
      /fleet public key in root's authorized_keys/,
    );
    expect(classifySshError(e({ level: "client-timeout" }), ctx).message).toMatch(/within 10000 ms/);
    expect(classifySshError(e({ level: "client-timeout" }), { ...ctx, phase: "session" }).message).toMatch(
      /stopped answering keepalives/,
    );
  });
});
