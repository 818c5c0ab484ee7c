// Export CSV: the core writes the whole arranged result (not just the rows on screen) with
// the view's visible columns, and the notice says where the file went.
import { Download, X } from "lucide-react";
import { useState } from "react";

import { Button } from "../../components/primitives/Button";
import { ErrorNotice } from "../../components/primitives/ErrorNotice";
import { useExportInteractions } from "../../data/interactions";
import type { ExportedFile, ViewColumn } from "../../ipc";
import { formatNumber } from "./columns";

export interface ExportButtonProps {
  resultId: string | null;
  count: number;
  columns: ViewColumn[];
  /** Names the file. */
  viewName: string;
}

export function ExportButton({ resultId, count, columns, viewName }: ExportButtonProps) {
  const exporter = useExportInteractions();
  const [exported, setExported] = useState<ExportedFile | null>(null);

  return (
    <>
      <Button
        size="sm"
        icon={<Download size={14} aria-hidden="true" />}
        disabled={!resultId || count === 0}
        busy={exporter.isPending}
        onClick={() =>
          resultId &&
          exporter.mutate(
            { resultId, columns: columns.map((c) => c.id), name: viewName },
            { onSuccess: setExported },
          )
        }
        data-testid="export-csv"
      >
        Export CSV
      </Button>
      {exporter.error ? (
        <div className="toast" role="alert">
          <ErrorNotice compact error={exporter.error} title="Could not export the interactions" />
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => exporter.reset()}
          >
            <X size={14} aria-hidden="true" />
          </button>
        </div>
      ) : null}
      {exported ? (
        <div className="toast" role="status" data-testid="export-notice">
          <span>
            Saved {formatNumber(exported.rows)} rows to{" "}
            <span className="mono">{exported.path}</span>
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => setExported(null)}
          >
            <X size={14} aria-hidden="true" />
          </button>
        </div>
      ) : null}
    </>
  );
}
