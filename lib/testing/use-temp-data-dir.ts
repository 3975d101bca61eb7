import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * Points BRANCHDESK_DATA_DIR (where recordings live) at a fresh temporary
 * directory, so a test never writes into the checkout's ./data; `restore`
 * puts the variable back and removes the directory.
 */
export async function useTempDataDir(): Promise<{ dir: string; restore(): Promise<void> }> {
  const saved = process.env.BRANCHDESK_DATA_DIR;
  const dir = await mkdtemp(path.join(os.tmpdir(), "bd-data-"));
  process.env.BRANCHDESK_DATA_DIR = dir;
  return {
    dir,
    async restore() {
      if (saved === undefined) delete process.env.BRANCHDESK_DATA_DIR;
      else process.env.BRANCHDESK_DATA_DIR = saved;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
