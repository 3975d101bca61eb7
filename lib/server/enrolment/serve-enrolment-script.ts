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

export type ScriptAnswer = { status: number; body: string };

/**
 * GET /enrol/<token>: the enrolment script for a usable token, its values
 * filled in. The token is the only credential (no session). A used, revoked
 * or expired token is refused (and audited, like the POST); the body of any
 * refusal is itself a script that prints the reason and fails, for whoever
 * runs it without curl's -f.
 */
export async function serveEnrolmentScript(secret: string, origin: string, now = new Date()): Promise<ScriptAnswer> {
  const refused = (status: number, message: string): ScriptAnswer => ({
    status,
    body: `#!/bin/sh\necho ${shellQuote(`branchdesk enrol: ${message}`)} >&2\nexit 1\n`,
  });
  const unknown = "this enrolment token is not known: copy the one-liner again, or ask an admin for a new one";
  if (!TOKEN_PATTERN.test(secret)) return refused(404, unknown);
  const token = await db().enrolmentToken.findUnique({
    where: { tokenHash: hashEnrolmentSecret(secret) },
    include: { branch: { select: { id: true, code: true } } },
  });
  if (!token) return refused(404, unknown);
  const refusal = checkToken(token, now);
  if (refusal) {
    try {
      await refuseEnrolment(`enrolment token #${token.id}`, token.branch, refusal, { step: "fetch the script" });
    } catch (error) {
      const e = toAppError(error);
      return refused(e.status, e.message);
    }
  }
  try {
    const fleetKey = token.installFleetKey ? await fleetPublicKey() : null;
    return { status: 200, body: enrolmentScript({ origin, secret, fleetKey, branchCode: token.branch.code }) };
  } catch (error) {
    if (error instanceof AppError) return refused(error.status, error.message);
    throw error;
  }
}
