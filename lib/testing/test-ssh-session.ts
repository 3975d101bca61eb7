import { unwrap } from "@/lib/domain/result";
import { connectSsh, type SshSession } from "@/lib/ssh/connect-ssh";
import { loadFleetKey } from "@/lib/ssh/fleet-key";
import { parseSshTarget } from "@/lib/ssh/ssh-target";
import { sshKeygenFingerprint, type TestSshd } from "./sshd";

/** A pinned, authenticated session to a test sshd, as the dashboard would open it. */
export async function connectToTestSshd(sshd: TestSshd, label: string): Promise<SshSession> {
  const target = unwrap(
    parseSshTarget({
      label,
      address: sshd.address,
      port: sshd.port,
      username: "root",
      pinnedFingerprint: await sshKeygenFingerprint(sshd.hostKeyPubPath),
    }),
  );
  return unwrap(await connectSsh(target, { fleetKey: unwrap(await loadFleetKey(sshd.clientKeyPath)) }));
}
