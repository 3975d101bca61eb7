// The public surface of lib/ssh. fleetKeyMaterial and sessionClient are
// internal on purpose and not re-exported.
export { classifySshError } from "./classify-ssh-error";
export { connectSsh, type ConnectSshOptions, type SshSession } from "./connect-ssh";
export { createLimiter, type Limiter } from "./create-limiter";
export { FleetKey, loadFleetKey } from "./fleet-key";
export { HOST_KEY_ALGORITHMS, hostKeyFingerprint, parseHostKeyFingerprint, type HostKeyFingerprint } from "./host-key-fingerprint";
export { probeSshHostKey } from "./probe-ssh-host-key";
export { openRemoteShell, type RemoteShell } from "./remote-shell";
export { runCommand, type CommandOutput, type RunCommandOptions, type SshScript } from "./run-command";
export { scanHostKey } from "./scan-host-key";
export type { SshFailure, SshFailureKind } from "./ssh-failure";
export { sshRouteKey } from "./ssh-route-key";
export { describeTarget, parseSshTarget, type SshTarget } from "./ssh-target";
