import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/**
 * The correlation id of what is running: one per API request (app/_server/api-handler.ts
 * answers it as X-Request-Id) or CLI run. writeTransaction stores it on every audit event,
 * so "what did this request change" is one filter, as NetBox's request_id does. Carried by
 * AsyncLocalStorage so services never pass it by hand; work a request starts and leaves
 * running (a rollout driven after the 202) keeps the id of the request that started it.
 */
type RequestContext = { requestId: string };

// On globalThis, like the database client: Next may load this module in more than one
// bundle, and the wrapper and the service must share one store.
const holder = globalThis as unknown as { branchdeskRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (holder.branchdeskRequestContext ??= new AsyncLocalStorage<RequestContext>());

/**
 * Always ours: an id taken from the client (an incoming X-Request-Id) could be chosen to
 * match another request's, and the audit log would tie their events together.
 */
export function newRequestId(): string {
  return randomUUID();
}

/** Runs `work` (and everything it starts) under `requestId`. */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

/** The id of the request running now, or null outside one (start-up, a test). */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}
