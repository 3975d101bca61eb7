/**
 * `npm run demo`: a live fleet for a newcomer. Builds a lab of real branches
 * (3 x 4 by default; network namespaces with real sshd and netfilter, so it
 * needs root), starts the dashboard on its own SQLite database, enrols the lab
 * through the JSON API as a user would, and leaves both running until Ctrl-C,
 * which removes the lab again.
 *   npm run demo -- [--branches 3] [--hosts 4] [--port 3000]
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { enrolLab, type EnrolRequest } from "../e2e/lab/enrol-lab";
import { Lab } from "../e2e/lab/lab";
import { ensureFleetKey } from "../lib/server/config/ensure-fleet-key";
import { ROOT } from "./schema-files";

const PASSWORD = process.env.BRANCHDESK_ADMIN_PASSWORD ?? "branchdesk-demo";

async function main() {
  const { values } = parseArgs({
    options: {
      branches: { type: "string", default: "3" },
      hosts: { type: "string", default: "4" },
      port: { type: "string", default: "3000" },
    },
  });
  if (process.getuid?.() !== 0) throw new Error("the demo builds network namespaces: run it as root");
  const dataDir = path.join(ROOT, "data", "demo");
  mkdirSync(dataDir, { recursive: true });
  const keyPath = path.join(dataDir, "fleet_ed25519");
  ensureFleetKey(keyPath);
  console.log(`building the lab: ${values.branches} branches x ${values.hosts} hosts...`);
  const lab = await Lab.up({
    branches: Number(values.branches),
    hostsPerBranch: Number(values.hosts),
    extraAuthorizedKeys: [readFileSync(`${keyPath}.pub`, "utf8")],
  });
  const base = `http://127.0.0.1:${values.port}`;
  const server = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: `file:${path.join(dataDir, `demo-${lab.prefix}.db`)}`,
      BRANCHDESK_SSH_KEY: keyPath,
      BRANCHDESK_ADMIN_PASSWORD: PASSWORD,
      PORT: values.port,
    },
  });
  const stop = async () => {
    server.kill("SIGTERM");
    await lab.down();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", async () => {
    await lab.down();
    process.exit(1);
  });

  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/login`)).status < 500) break;
    } catch {
      /* starting */
    }
    if (i > 600) throw new Error("the dashboard did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  const login = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: PASSWORD }),
  });
  if (login.status !== 200)
    throw new Error(
      `signing in as admin failed (${login.status}): ` +
        `is ${path.join(dataDir)} from an older demo with another password?`,
    );
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  await enrolLab(
    lab.inventory,
    async (r: EnrolRequest) => {
      const res = await fetch(`${base}${r.path}`, {
        method: r.method,
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify(r.body),
      });
      const body = await res.json().catch(() => null);
      if (res.status !== r.expect)
        throw new Error(`${r.method} ${r.path} answered ${res.status}: ${JSON.stringify(body)}`);
      return body;
    },
    "Demo",
  );
  console.log(`\n  Branchdesk demo: ${base}  (sign in as admin / ${PASSWORD})`);
  console.log(
    `  ${lab.inventory.branches.length} branches enrolled; no rules applied yet: open a branch, Preview, then Apply.`,
  );
  console.log(
    `  Lab inventory: ${path.join(lab.inventory.runDir, "inventory.json")}.  ` +
      `Ctrl-C stops the dashboard and removes the lab.\n`,
  );
}

main().catch((e) => {
  console.error(`demo: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
