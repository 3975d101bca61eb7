import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb, tuneSqlite } from "@/lib/server/db/client";
import { ensureFleetKey } from "./ensure-fleet-key";
import { secureDataFiles } from "./secure-data-files";

const mode = (p: string) => statSync(p).mode & 0o777;

let root: string;
let oldUmask: number;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "bd-secure-"));
  chmodSync(root, 0o755);
  oldUmask = process.umask(0o022); // the usual umask: what made data/branchdesk.db 0644 (issue 8)
});
afterEach(() => {
  process.umask(oldUmask);
  rmSync(root, { recursive: true, force: true });
});

describe("secureDataFiles: password hashes and the fleet key are readable by the dashboard's user only", () => {
  it("on a first start, creates the data directory 0700 and the SQLite file 0600 before anything writes them", () => {
    const dataDir = path.join(root, "data");
    const file = path.join(dataDir, "branchdesk.db");
    secureDataFiles({ dataDir, sqliteFile: file, fleetKeyPath: path.join(dataDir, "fleet_ed25519") });
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });

  it("tightens what earlier versions left loose: the directory, the database, its -wal/-shm/-journal, the key", () => {
    const dataDir = path.join(root, "data");
    mkdirSync(dataDir, { mode: 0o755 });
    const file = path.join(dataDir, "branchdesk.db");
    const loose = [file, `${file}-wal`, `${file}-shm`, `${file}-journal`, path.join(dataDir, "fleet_ed25519")];
    for (const f of loose) writeFileSync(f, "", { mode: 0o644 });
    writeFileSync(path.join(dataDir, "fleet_ed25519.pub"), "ssh-ed25519 AAAA\n", { mode: 0o644 });
    const changed = secureDataFiles({ dataDir, sqliteFile: file, fleetKeyPath: path.join(dataDir, "fleet_ed25519") });
    expect(mode(dataDir)).toBe(0o700);
    for (const f of loose) expect(mode(f), f).toBe(0o600);
    expect(mode(path.join(dataDir, "fleet_ed25519.pub"))).toBe(0o644); // public by design
    expect(changed).toHaveLength(1 + loose.length);
    const again = secureDataFiles({ dataDir, sqliteFile: file, fleetKeyPath: path.join(dataDir, "fleet_ed25519") });
    expect(again).toEqual([]);
  });

  it("a database or key elsewhere gets its own file tightened, never the existing directory it sits in", () => {
    const shared = path.join(root, "shared");
    mkdirSync(shared, { mode: 0o755 });
    chmodSync(shared, 0o755);
    const file = path.join(shared, "x.db");
    writeFileSync(file, "", { mode: 0o644 });
    const key = path.join(shared, "key");
    writeFileSync(key, "", { mode: 0o640 });
    secureDataFiles({ dataDir: path.join(root, "data"), sqliteFile: file, fleetKeyPath: key });
    expect(mode(shared)).toBe(0o755);
    expect(mode(file)).toBe(0o600);
    expect(mode(key)).toBe(0o600);
  });

  it("SQLite's WAL and shared-memory files, created later by the server, inherit the database's 0600", async () => {
    const dataDir = path.join(root, "data");
    const file = path.join(dataDir, "branchdesk.db");
    secureDataFiles({ dataDir, sqliteFile: file, fleetKeyPath: path.join(dataDir, "fleet_ed25519") });
    const db = createDb({ provider: "sqlite", file });
    try {
      await tuneSqlite(db);
      await db.$executeRawUnsafe("CREATE TABLE t (x INTEGER)");
      await db.$executeRawUnsafe("INSERT INTO t VALUES (1)");
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
    } finally {
      await db.$disconnect();
    }
  });

  it("ensureFleetKey creates the key 0600 in a 0700 directory, and tightens an existing loose key", () => {
    const key = path.join(root, "keys", "fleet_ed25519");
    ensureFleetKey(key);
    expect(mode(path.dirname(key))).toBe(0o700);
    expect(mode(key)).toBe(0o600);
    chmodSync(key, 0o644);
    ensureFleetKey(key);
    expect(mode(key)).toBe(0o600);
  });
});
