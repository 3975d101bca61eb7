/**
 * What the API fuzz test holds every answer to, and the log of what broke
 * it: findings are deduplicated by (database, check, operation, status,
 * mutation, detail with values blanked), and each keeps one request as an
 * example, with the id (seed:run) that BRANCHDESK_API_FUZZ_SHOW takes to
 * print it in full.
 */
import { z } from "zod";
import { ERROR_STATUS } from "@/lib/server/errors/app-error";
import { requestUrl, type FuzzAnswer } from "./fuzz-call";
import type { GeneratedRequest } from "./fuzz-request";
import type { FuzzOperation } from "./openapi-walk";

/** The one error shape of docs/api.md; strict, so a stray key is a finding too. */
const ZOneErrorShape = z
  .object({
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        fields: z.record(z.string(), z.array(z.string())).optional(),
      })
      .strict(),
  })
  .strict();

type Problem = { check: string; detail: string };

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
const quoted = (s: string) => JSON.stringify(clip(s, 80));

function errorShapeProblem(answer: FuzzAnswer): string | null {
  const type = answer.contentType;
  if (!type?.startsWith("application/json")) return `content-type ${type}, body ${quoted(answer.text)}`;
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    return `body is not JSON: ${quoted(answer.text)}`;
  }
  const parsed = ZOneErrorShape.safeParse(json);
  if (!parsed.success) return `not the error shape: ${clip(JSON.stringify(json), 120)}`;
  const { code } = parsed.data.error;
  const expected = Object.hasOwn(ERROR_STATUS, code) ? ERROR_STATUS[code as keyof typeof ERROR_STATUS] : undefined;
  return expected === answer.status ? null : `code ${code} answered with ${answer.status}`;
}

function successProblems(op: FuzzOperation, gen: GeneratedRequest, answer: FuzzAnswer): Problem[] {
  const out: Problem[] = [];
  if (gen.mustRefuse.length) out.push({ check: "accepted invalid input", detail: gen.mustRefuse.join("; ") });
  if (!op.successStatuses.includes(answer.status)) {
    out.push({ check: "undocumented success status", detail: `documented: ${op.successStatuses.join(", ")}` });
  }
  if (answer.status !== 204 && op.successMediaType !== "application/json") {
    // A download (apiFileHandler): its documented media type, not JSON.
    if (!answer.contentType?.startsWith(op.successMediaType)) {
      out.push({ check: "success media type", detail: `${answer.contentType}, not ${op.successMediaType}` });
    }
  } else if (answer.status !== 204) {
    try {
      JSON.parse(answer.text);
    } catch {
      out.push({ check: "success body not JSON", detail: quoted(answer.text) });
    }
  }
  return out;
}

/** Every way this answer breaks the contract; `changed` lists the tables the request changed. */
export function checkAnswer(op: FuzzOperation, gen: GeneratedRequest, answer: FuzzAnswer, changed: string[]) {
  const out: Problem[] = [];
  if (answer.threw) out.push({ check: "5xx", detail: `the handler threw ${clip(answer.threw, 200)}` });
  else if (answer.status >= 500) out.push({ check: "5xx", detail: clip(answer.text, 200) });
  const shape = answer.status >= 400 && !answer.threw ? errorShapeProblem(answer) : null;
  if (shape) out.push({ check: "error shape", detail: shape });
  if (answer.status < 300) out.push(...successProblems(op, gen, answer));
  if (changed.length && (op.method === "GET" || answer.status >= 400)) {
    const check = op.method === "GET" ? "a read changed rows" : "a refused write changed rows";
    out.push({ check, detail: `tables: ${changed.join(", ")}` });
  }
  return out;
}

/** A request as a client would retype it: method, URL, role, headers, body (escaped, clipped). */
function describeRequest(op: FuzzOperation, gen: GeneratedRequest): string {
  const { headers, body } = gen.request;
  const shown = Object.entries(headers).filter(([k, v]) => k !== "content-type" || v !== "application/json");
  const flags = shown.map(([k, v]) => ` -H '${k}: ${v}'`).join("");
  const latin1 = body ? JSON.stringify(clip(Buffer.from(body).toString("latin1"), 200)) : "";
  const text = body ? ` body ${latin1} (${body.length} bytes, as latin1)` : "";
  return `${op.method} ${clip(requestUrl(op, gen.request), 200)} as ${gen.role}${flags}${text}`;
}

/** One request and its answer, nothing clipped: what BRANCHDESK_API_FUZZ_SHOW prints. */
export function showInFull(op: FuzzOperation, gen: GeneratedRequest, answer: FuzzAnswer): string {
  const body = Buffer.from(gen.request.body ?? new Uint8Array());
  return [
    `${op.method} ${requestUrl(op, gen.request)} as ${gen.role}`,
    `headers ${JSON.stringify(gen.request.headers)}`,
    `body (${body.length} bytes, base64) ${body.toString("base64")}`,
    `body as UTF-8 (lossy) ${JSON.stringify(body.toString("utf8"))}`,
    `must be refused because: ${gen.mustRefuse.join("; ") || "-"}`,
    `answer ${answer.status}${answer.threw ? ` (threw ${answer.threw})` : ""}: ${answer.text}`,
  ].join("\n");
}

type Finding = Problem & {
  provider: string;
  op: string;
  status: number;
  mutation: string;
  count: number;
  roles: Set<string>;
  example: string;
};

export class FindingLog {
  /** Answers per database, by status class ("2xx", "4xx", "5xx"). */
  private readonly answers: Record<string, Record<string, number>> = {};
  private readonly byKey = new Map<string, Finding>();

  sent(provider: string, status: number): void {
    const counts = (this.answers[provider] ??= {});
    const statusClass = `${String(status)[0]}xx`;
    counts[statusClass] = (counts[statusClass] ?? 0) + 1;
  }

  add(provider: string, op: FuzzOperation, gen: GeneratedRequest, answer: FuzzAnswer, problem: Problem, id: string) {
    const blanked = problem.detail.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/\d+/g, "n");
    const { status } = answer;
    const key = [provider, problem.check, op.key, status, gen.mutation, blanked].join("|");
    const f = this.byKey.get(key) ?? {
      ...problem,
      provider,
      op: op.key,
      status,
      mutation: gen.mutation,
      count: 0,
      roles: new Set(),
      example: "",
    };
    const show = `id ${id} (${provider}): BRANCHDESK_API_FUZZ_SHOW=${id} prints it in full`;
    f.example ||= `${describeRequest(op, gen)}\n      ${show}`;
    f.count++;
    f.roles.add(gen.role);
    this.byKey.set(key, f);
  }

  findings(provider: string): Finding[] {
    return [...this.byKey.values()].filter((f) => f.provider === provider);
  }

  /** "api fuzz [sqlite]: 4321 requests (2xx 500, 4xx 3821), 3 findings" and one block per finding. */
  report(provider: string): string {
    const list = this.findings(provider);
    const counts = Object.entries(this.answers[provider] ?? {}).sort();
    const total = counts.reduce((n, [, c]) => n + c, 0);
    const byClass = counts.map(([k, c]) => `${k} ${c}`).join(", ");
    const lines = [`api fuzz [${provider}]: ${total} requests (${byClass}), ${list.length} findings`];
    list.forEach((f, i) =>
      lines.push(
        `  ${i + 1}. ${f.check}: ${f.op} -> ${f.status} on "${f.mutation}"` +
          ` (${f.count}x; roles ${[...f.roles].join(", ")})`,
        `      ${f.detail}`,
        `      e.g. ${f.example}`,
      ),
    );
    return lines.join("\n");
  }
}
