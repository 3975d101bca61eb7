import { writeFileSync } from "node:fs";
import path from "node:path";
import { listRouteFiles, renderRouteIndex } from "../lib/server/api/route-files";

// After adding, moving or removing a route.ts under app/api/v1 (route-index.test.ts says when).
const v1 = path.resolve(__dirname, "../app/api/v1");
const target = path.join(v1, "route-index.ts");
writeFileSync(target, renderRouteIndex(listRouteFiles(v1)));
console.log(`wrote ${path.relative(process.cwd(), target)}`);
