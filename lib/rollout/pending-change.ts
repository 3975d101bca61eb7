import type { PendingChange } from "./rollout-types";

/**
 * Words and waits for a box holding an unconfirmed change (a confirm that
 * failed, a dashboard that died mid-rollout). Once, a second rollout read
 * such a gateway's pending rules as its running state, called it
 * "unchanged", applied the hosts behind it, and the gateway's dead-man then
 * rolled back under them. Such a box is in flux: wait for it or refuse it.
 */

/** The token the engine gives an apply: it names its rollout, so a box's pending change can be traced to one. */
export const rolloutToken = (rolloutId: number, random: string) => `r${rolloutId}-${random}`;

export function rolloutOfToken(token: string): number | null {
  const m = /^r(\d+)-/.exec(token);
  return m ? Number(m[1]) : null;
}

/** A predicate for the target's label: "gateway b1-gw (BR-9001) has an unconfirmed change (…)". */
export function inFluxReason(p: PendingChange): string {
  if (!p.timerAlive) {
    return (
      `has an unconfirmed change (token ${p.token}) and its dead-man timer is not running,` +
      " so nothing rolls it back by itself: on the box run" +
      ` \`sh /etc/branchdesk/rules.${p.token}/branchdesk-agent.sh rollback ${p.token}\`, then retry`
    );
  }
  const from = rolloutOfToken(p.token);
  return (
    `has an unconfirmed change (token ${p.token}${from === null ? "" : `, from rollout #${from}`};` +
    ` its dead-man timer rolls it back in ${p.secondsLeft} s unless it is confirmed): wait for that, then retry`
  );
}

/**
 * Seconds to wait before reading the box again, or null to refuse now. The
 * timer fires at its deadline, then takes the agent's lock and restores: a
 * couple of seconds more. A dead timer fires never, so waiting cannot help.
 */
export function secondsToWait(p: PendingChange, waitedSeconds: number, budgetSeconds: number): number | null {
  if (!p.timerAlive) return null;
  const wait = Math.max(0, p.secondsLeft) + 2;
  return waitedSeconds + wait <= budgetSeconds ? wait : null;
}
