/** @type {import('next').NextConfig} */
module.exports = {
  // ssh2 ships a native addon (sshcrypto.node) that the bundler cannot pack.
  serverExternalPackages: ["ssh2", "node-ssh", "better-sqlite3", "@prisma/adapter-better-sqlite3", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};
