/**
 * The shells the agent must run under, as a PATH directory each: `sh` is
 * dash or bash (bash as `sh` is CentOS 7's /bin/sh, POSIX mode); for busybox
 * every applet (awk, sed, sort, ...) comes first, as on a busybox box, so
 * the agent's awk is busybox awk there and mawk under dash.
 */
import { execFileSync } from "node:child_process";
import { mkdir, symlink } from "node:fs/promises";
import path from "node:path";

export type Shell = "dash" | "busybox" | "bash";
export const SHELLS: readonly Shell[] = ["dash", "busybox"];

let applets: string[] | undefined;

/** Creates `<dir>/bin-<shell>` and returns it, for the front of PATH. */
export async function shellBin(dir: string, shell: Shell): Promise<string> {
  const bin = path.join(dir, `bin-${shell}`);
  await mkdir(bin);
  if (shell === "busybox") {
    applets ??= execFileSync("busybox", ["--list"], { encoding: "utf8" }).split("\n").filter(Boolean);
    for (const a of applets) await symlink("/usr/bin/busybox", path.join(bin, a));
  } else {
    await symlink(`/usr/bin/${shell}`, path.join(bin, "sh"));
  }
  return bin;
}
