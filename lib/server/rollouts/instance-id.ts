import { randomBytes } from "node:crypto";
import os from "node:os";

/** Names this dashboard process in Rollout.owner, so another instance can tell whose rollout it is. */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/** A running rollout whose driver has been silent this long is taken as interrupted. */
export const HEARTBEAT_STALE_MS = 30_000;
export const HEARTBEAT_EVERY_MS = 5_000;
