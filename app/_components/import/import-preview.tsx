import type { ImportResult } from "@/lib/domain/import/import-views";

const ENTITIES = ["branches", "gateways", "hosts", "guests"] as const;

/** What an import would do (or did): counts per kind of record, every error, then the records. */
export function ImportPreview({ result }: { result: ImportResult }) {
  return (
    <div className="space-y-4">
      <section className="card" aria-labelledby="import-counts-heading">
        <h2 id="import-counts-heading" className="text-sm font-semibold">
          {result.committed ? "Written" : "Preview"} ({result.rows} rows, sha256 {result.digest.slice(0, 12)}…)
        </h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Records</th>
              <th scope="col">Created</th>
              <th scope="col">Updated</th>
              <th scope="col">Unchanged</th>
            </tr>
          </thead>
          <tbody>
            {ENTITIES.map((e) => (
              <tr key={e} data-testid={`import-count-${e}`}>
                <th scope="row">{e}</th>
                <td>{result.counts[e].create}</td>
                <td>{result.counts[e].update}</td>
                <td>{result.counts[e].unchanged}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {result.errors.length > 0 && (
        <section className="card" aria-labelledby="import-errors-heading">
          <h2 id="import-errors-heading" className="text-sm font-semibold text-red-800">
            {result.errors.length} {result.errors.length === 1 ? "error" : "errors"}: nothing can be written until they
            are fixed
          </h2>
          <table className="data-table" data-testid="import-errors">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.row}</td>
                  <td className="font-mono">{e.column}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {result.records.length > 0 && (
        <section className="card" aria-labelledby="import-records-heading">
          <h2 id="import-records-heading" className="text-sm font-semibold">
            Records
            {result.recordsNotShown > 0 ? ` (first ${result.records.length}; ${result.recordsNotShown} more)` : ""}
          </h2>
          <table className="data-table" data-testid="import-records">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Record</th>
                <th scope="col">Branch</th>
                <th scope="col">Name</th>
                <th scope="col">Action</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {result.records.map((r) => (
                <tr key={`${r.entity}:${r.branchCode}:${r.name}`}>
                  <td>{r.row}</td>
                  <td>{r.entity}</td>
                  <td className="font-mono">{r.branchCode}</td>
                  <td className="font-mono">{r.name}</td>
                  <td>{r.action}</td>
                  <td>{r.changed.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
