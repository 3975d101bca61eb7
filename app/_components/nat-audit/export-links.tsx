import { apiPaths, withSearch } from "@/app/_client/api-paths";

/** The auditors' report, as CSV and JSON, for exactly what the page shows. */
export function ExportLinks({ params, what }: { params: Record<string, string>; what: string }) {
  return (
    <>
      <a
        href={withSearch(apiPaths.natAuditExportCsv(), params)}
        download
        className="btn btn-secondary hover:no-underline"
        aria-label={`Export ${what} as CSV`}
      >
        Export CSV
      </a>
      <a
        href={withSearch(apiPaths.natAuditExportJson(), params)}
        download
        className="btn btn-secondary hover:no-underline"
        aria-label={`Export ${what} as JSON`}
      >
        Export JSON
      </a>
    </>
  );
}
