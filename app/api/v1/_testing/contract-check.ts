/**
 * Sends requests through the route handlers (route-kit) and holds each answer
 * to the handler's own contract: the declared success status, and a body the
 * declared response schema parses without dropping a field. Keeps count of
 * the operations that answered so, so a test can insist on all of them.
 */
import type { WithContract } from "@/lib/server/api/api-contract";
import { undeclaredFields } from "@/lib/server/api/check-response";
import { call, type CallOptions, type HTTP_METHODS, type RouteFile } from "./route-kit";

type Method = (typeof HTTP_METHODS)[number];
export type Answer = Awaited<ReturnType<typeof call>>;

/** "GET /api/v1/branches/{code}" for every handler the route files export. */
export function operationKeys(routes: RouteFile[]): string[] {
  return routes.flatMap((r) => Object.keys(r.handlers).map((method) => `${method} ${r.path}`)).sort();
}

export class ContractCheck {
  /** Operations that answered a success matching their contract. */
  readonly answered = new Set<string>();

  constructor(private readonly routes: RouteFile[]) {}

  /** What is wrong with `answer` as a success of the handler's contract; [] when nothing is. */
  private problems(handler: Partial<WithContract>, answer: Answer): string[] {
    const contract = handler.contract;
    if (!contract) return ["the handler declares no contract"];
    const status = contract.response === null ? 204 : (contract.status ?? 200);
    if (answer.status !== status) return [`answered ${answer.status}, not ${status}: ${JSON.stringify(answer.json)}`];
    if (contract.response === null) return answer.json === null ? [] : ["a 204 with a body"];
    const parsed = contract.response.safeParse(answer.json);
    if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
    return undeclaredFields(answer.json, parsed.data).map((field) => `${field} is not in the response schema`);
  }

  /** Sends the request and returns the answer; a success that breaks the contract throws, naming how. */
  async send(method: Method, path: string, options: CallOptions = {}): Promise<Answer> {
    const handler = this.routes.find((r) => r.path === path)?.handlers[method];
    if (!handler) throw new Error(`no ${method} handler for ${path}`);
    const answer = await call(handler, method, path, options);
    const problems = this.problems(handler as Partial<WithContract>, answer);
    if (problems.length) throw new Error(`${method} ${path}:\n  ${problems.join("\n  ")}`);
    this.answered.add(`${method} ${path}`);
    return answer;
  }
}
