import net from "node:net";

/**
 * A port nobody listens on, chosen by the kernel: fixed ports once let the specs run against
 * another process that already held 3100. E2E_PORT pins one (it must be free, or we refuse).
 */
export async function freePort(wanted = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (e: NodeJS.ErrnoException) =>
      reject(new Error(`port ${wanted} is taken (${e.code}): stop what listens there or unset E2E_PORT`)),
    );
    probe.listen(wanted, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
