/** `branchdesk audit`: the audit log with the Audit page's filters, and --follow to tail it. */
import type { AuditEventView } from "../../domain/audit/audit-views";
import type { AuditQuery } from "../../domain/audit/audit-query";
import type { Backend } from "../backend";
import type { CommandContext, CommandSpec } from "../command";
import { shortTime } from "../format";
import { intValue, str } from "../values";

export function auditLine(e: AuditEventView): string {
  return `${shortTime(e.at)}  #${e.id}  ${e.actor}  ${e.action}  ${e.summary}`;
}

/** The events newer than `after`, oldest first, reading as many pages back as it takes. */
export async function eventsAfter(
  backend: Backend,
  query: Partial<AuditQuery>,
  after: number,
): Promise<AuditEventView[]> {
  const found: AuditEventView[] = [];
  let cursor: number | undefined;
  for (;;) {
    const page = await backend.listAudit({ ...query, cursor, limit: 200 });
    const fresh = page.events.filter((e) => e.id > after);
    found.push(...fresh);
    if (fresh.length < page.events.length || page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return found.reverse();
}

function emit(ctx: CommandContext, events: AuditEventView[], lines: boolean): void {
  // --follow --json: one JSON object per line (JSON Lines), so a pipe can read each as it comes.
  for (const e of events) ctx.io.out(lines ? `${JSON.stringify(e)}\n` : `${auditLine(e)}\n`);
}

export const audit: CommandSpec = {
  name: "audit",
  summary: "Read the audit log, newest first; --follow prints new events as they are written.",
  description: `
Who changed what, when, with the filters of the Audit page. Viewers and
operators see fleet events; account events (users, sign-ins, settings) are
admins' only. Without --follow, prints the newest page (--limit) and, with
--json, the API's answer with its nextCursor. With --follow, prints the newest
events oldest first, then every new one as it is written (asks every --interval
seconds), until Ctrl-C; with --json, one JSON object per line.`,
  json: true,
  options: {
    "entity-type": { type: "string", value: "TYPE", help: "branch, gateway, host, guest, rollout, import, user..." },
    "entity-id": { type: "string", value: "ID", help: "branch code for branch/gateway, a number otherwise" },
    actor: { type: "string", value: "NAME", help: "who did it (a username, cli:<user>, a token's name)" },
    action: { type: "string", value: "ACTION", help: "host.create, or a prefix ending in a dot: host." },
    "request-id": { type: "string", value: "ID", help: "everything one request wrote (its X-Request-Id)" },
    limit: { type: "string", value: "N", help: "events per page, 1-200 (default 50)" },
    cursor: { type: "string", value: "ID", help: "the page older than event ID (the previous answer's nextCursor)" },
    follow: { type: "boolean", short: "f", help: "keep printing new events until interrupted" },
    interval: { type: "string", value: "SECONDS", help: "with --follow: how often to ask (default 2)" },
  },
  examples: [
    "branchdesk audit --entity-type rollout --limit 10",
    "branchdesk audit --action host. --actor alice",
    "branchdesk audit --follow --json | jq -c 'select(.action | startswith(\"rollout.\"))'",
  ],
  async run(ctx, { values }) {
    const query: Partial<AuditQuery> = {
      entityType: str(values["entity-type"]),
      entityId: str(values["entity-id"]),
      actor: str(values.actor),
      action: str(values.action),
      requestId: str(values["request-id"]),
    };
    const limit = intValue("limit", str(values.limit), 1, 200);
    const cursor = intValue("cursor", str(values.cursor), 1, Number.MAX_SAFE_INTEGER);
    const intervalMs = (intValue("interval", str(values.interval), 1, 3600) ?? 2) * 1000;
    const backend = await ctx.backend();
    const first = await backend.listAudit({ ...query, limit, cursor });
    if (!values.follow) {
      if (ctx.json) ctx.io.out(`${JSON.stringify(first, null, 2)}\n`);
      else emit(ctx, first.events, false);
      return 0;
    }
    emit(ctx, [...first.events].reverse(), ctx.json);
    let last = first.events[0]?.id ?? 0;
    for (;;) {
      await ctx.sleep(intervalMs);
      const fresh = await eventsAfter(backend, query, last);
      emit(ctx, fresh, ctx.json);
      last = fresh.at(-1)?.id ?? last;
    }
  },
};
