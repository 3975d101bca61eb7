import { z } from "zod";

// Runs before any page code in the browser (Next.js instrumentation-client). zod 4
// compiles object parsers with new Function() when eval is allowed, and its probe
// for that trips the pages' CSP (no 'unsafe-eval', see lib/server/http/security-headers.ts)
// as a reported violation. Say so before any schema is built: parsing is the same, only uncompiled.
z.config({ jitless: true });
