import { checkToken } from "@/lib/domain/enrolment/check-enrolment";
import { TOKEN_PATTERN } from "@/lib/domain/enrolment/enrolment-input";
import { shellQuote } from "@/lib/domain/shell-quote";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { toAppError } from "@/lib/server/errors/to-app-error";
import { enrolmentScript } from "./enrolment-script";
import { hashEnrolmentSecret } from "./enrolment-secret";
import { fleetPublicKey } from "./fleet-public-key";
import { refuseEnrolment } from "./refuse-enrolment";

export type ScriptAnswer = { status: number; body: string; refused: boolean };

/**
 * GET /enrol/<token>: the enrolment script for a usable token, its values
 * filled in. The token is the only credential (no session). A used, revoked,
 * expired or unknown token is refused (a known one audited, like the POST)
 * with a script that prints the reason and exits 1, answered 200: with
 * `curl -fsS … | sh` a 4xx would show only curl's "returned error: 403" and
 * the pipeline would still exit 0 (sh ran an empty script). A path that is
 * not a token at all is a plain 404.
 */
export async function serveEnrolmentScript(secret: string, origin: string, now = new Date()): Promise<ScriptAnswer> {
  const refused = (status: number, message: string): ScriptAnswer => ({
    status,
    refused: true,
    body: `#!/bin/sh\necho ${shellQuote(`branchdesk enrol: ${message}`)} >&2\nexit 1\n`,
  });
  const unknown = "this enrolment token is not known: copy the one-liner again, or ask an admin for a new one";
  if (!TOKEN_PATTERN.test(secret)) return refused(404, "this is not an enrolment token");
  const token = await db().enrolmentToken.findUnique({
    where: { tokenHash: hashEnrolmentSecret(secret) },
    include: { branch: { select: { id: true, code: true } } },
  });
  if (!token) return refused(200, unknown);
  const usedBy = token.usedByHostId
    ? await db().host.findUnique({ where: { id: token.usedByHostId }, select: { hostname: true } })
    : null;
  const refusal = checkToken({ ...token, usedByHostname: usedBy?.hostname ?? null }, now);
  if (refusal) {
    try {
      await refuseEnrolment(`enrolment token #${token.id}`, token.branch, refusal, { step: "fetch the script" });
    } catch (error) {
      return refused(200, toAppError(error).message);
    }
  }
  try {
    const fleetKey = token.installFleetKey ? await fleetPublicKey() : null;
    const body = enrolmentScript({ origin, secret, fleetKey, branchCode: token.branch.code });
    return { status: 200, refused: false, body };
  } catch (error) {
    if (error instanceof AppError) return refused(200, error.message);
    throw error;
  }
}
