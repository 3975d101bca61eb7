import { z } from "zod";
import { SSH_PORT } from "../values/port";
import { zStrictInput } from "../strict-input";
import { zHostname, zIfname, zIpv4, zPort, zSshAddress, zSshUser } from "./zod-values";

/** PUT semantics: the whole gateway record, created or replaced. */
export const ZGatewayInput = zStrictInput(
  {
    hostname: zHostname(),
    sshAddress: zSshAddress(),
    sshPort: zPort().default(SSH_PORT),
    sshUser: zSshUser().default("root"),
    lanIfname: zIfname().meta({ description: "the gateway's interface on the branch LAN, e.g. eth1" }),
    lanIp: zIpv4().meta({ description: "the gateway's routable address on the branch LAN, e.g. 198.51.100.1" }),
  },
  "a gateway has",
);
export type GatewayInput = z.infer<typeof ZGatewayInput>;
