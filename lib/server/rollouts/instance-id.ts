import { randomBytes } from "node:crypto";
import os from "node:os";

/** Names this dashboard process in Rollout.owner, so another instance can tell whose rollout it is. */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/**
 * A running rollout whose driver has been silent this long is taken as
 * interrupted (BRANCHDESK_HEARTBEAT_STALE_MS; tests shorten it). Well above
 * the heartbeat period so a busy event loop is not mistaken for a dead one.
 */
const stale = Number(process.env.BRANCHDESK_HEARTBEAT_STALE_MS);
export const HEARTBEAT_STALE_MS = Number.isInteger(stale) && stale >= 2_000 ? stale : 30_000;
export const HEARTBEAT_EVERY_MS = Math.min(5_000, Math.floor(HEARTBEAT_STALE_MS / 3));
