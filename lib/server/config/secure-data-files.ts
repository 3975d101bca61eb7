import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import path from "node:path";

export type DataFiles = {
  /** BRANCHDESK_DATA_DIR or ./data: Branchdesk's own directory, which it may lock down. */
  dataDir: string;
  /** The SQLite database, when that is the provider. */
  sqliteFile?: string;
  fleetKeyPath: string;
};

// What SQLite writes next to the database: the WAL, its shared-memory index and the rollback journal.
const SQLITE_COMPANIONS = ["", "-wal", "-shm", "-journal"];

/**
 * The SQLite file holds password hashes and session ids, the fleet key logs in
 * as root on every box: readable by the dashboard's user only (issue 8: the
 * database was created 0644). Run by `npm start` before migrations, so a new
 * database is created 0600 (SQLite then gives its -wal/-shm the database's
 * own mode), and an old one left loose is tightened. A directory is locked
 * down only when it is Branchdesk's own (the data dir, or one created here):
 * DATABASE_URL=file:/srv/shared/x.db must not chmod /srv/shared.
 * Returns the paths it changed, for the start log.
 */
export function secureDataFiles(files: DataFiles): string[] {
  const changed: string[] = [];
  ensurePrivateDir(files.dataDir, changed);
  if (files.sqliteFile) {
    const dir = path.dirname(files.sqliteFile);
    if (!existsSync(dir)) ensurePrivateDir(dir, changed);
    // Created empty (a valid empty database) so no later writer picks the mode.
    if (!existsSync(files.sqliteFile)) closeSync(openSync(files.sqliteFile, "a", 0o600));
    for (const suffix of SQLITE_COMPANIONS) tighten(files.sqliteFile + suffix, 0o600, changed);
  }
  tighten(files.fleetKeyPath, 0o600, changed);
  return changed;
}

function ensurePrivateDir(dir: string, changed: string[]): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700, changed);
}

/** Removes group and other bits; the owner's bits stay as they are. */
function tighten(p: string, max: number, changed: string[]): void {
  if (!existsSync(p)) return;
  const mode = statSync(p).mode & 0o777;
  if ((mode & ~max) === 0) return;
  chmodSync(p, mode & max);
  changed.push(p);
}
