// One line under the filters saying how many interactions there are and how fresh they
// are: what the load is doing (in words), how far a download has got, when the rows were
// last fetched, or that the platform could not be reached and these are older rows.
import { RefreshCw, X } from "lucide-react";

import { Button } from "../../components/primitives/Button";
import { ErrorNotice } from "../../components/primitives/ErrorNotice";
import { Spinner } from "../../components/primitives/Spinner";
import type { ResultState } from "./useInteractionsResult";
import { PHASE_LABELS, formatClock, formatCount, formatNumber } from "./columns";

export interface StatusLineProps {
  result: Pick<ResultState, "count" | "revision" | "status" | "lastUpdated">;
  onCancel: () => void;
  onRefresh: () => void;
}

function describe({ status, lastUpdated, count }: StatusLineProps["result"]): string {
  const since = lastUpdated === null ? null : formatClock(lastUpdated);
  switch (status.kind) {
    case "opening":
      return "Loading…";
    case "cached":
      return since ? `Showing results from ${since} · Refreshing…` : "Refreshing…";
    case "progress":
      if (status.phase !== "downloading") return PHASE_LABELS[status.phase];
      return status.expected === null
        ? `Downloading ${formatNumber(status.loaded)}`
        : `Downloading ${formatNumber(status.loaded)} of ${formatNumber(status.expected)}`;
    case "done":
      return since ? `Updated ${since}` : "Updated";
    case "offline":
      return since ? `Offline — showing results from ${since}` : "Offline — no saved results yet";
    case "failed":
      return "Could not load interactions";
    case "cancelled":
      return `Stopped — showing the ${formatNumber(count)} loaded so far`;
  }
}

export function isLoading(status: ResultState["status"]): boolean {
  return status.kind === "opening" || status.kind === "cached" || status.kind === "progress";
}

export function StatusLine({ result, onCancel, onRefresh }: StatusLineProps) {
  const { status, count, revision } = result;
  const loading = isLoading(status);
  const progress =
    status.kind === "progress" && status.phase === "downloading" && status.expected
      ? Math.min(1, status.loaded / status.expected)
      : null;

  return (
    <div className="status-area">
      <div className="status-line">
        <span className="status-line__count" data-testid="interactions-count">
          {revision >= 0 ? formatCount(count) : "\u00a0"}
        </span>
        <span
          className={`status-line__state status-line__state--${status.kind}`}
          role="status"
          data-testid="load-status"
          data-status={status.kind}
          title={status.kind === "offline" ? status.message : undefined}
        >
          {/* The bar shows the download moving; a spinner beside it would only cost
              repaints. */}
          {loading && progress === null ? <Spinner size="sm" /> : null}
          {describe(result)}
        </span>
        {progress !== null ? (
          <span
            className="progress"
            role="progressbar"
            aria-label="Download progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress * 100)}
          >
            <span className="progress__bar" style={{ width: `${progress * 100}%` }} />
          </span>
        ) : null}
        <span className="status-line__actions">
          {loading ? (
            <Button
              size="sm"
              variant="ghost"
              icon={<X size={14} aria-hidden="true" />}
              onClick={onCancel}
              data-testid="load-cancel"
            >
              Cancel
            </Button>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              icon={<RefreshCw size={14} aria-hidden="true" />}
              onClick={onRefresh}
              data-testid="load-refresh"
            >
              Refresh
            </Button>
          )}
        </span>
      </div>
      {status.kind === "failed" ? (
        <ErrorNotice
          error={status.error}
          title="Could not load interactions. Check the connection, then try again."
          data-testid="load-error"
          action={
            <Button size="sm" onClick={onRefresh} data-testid="load-retry">
              Retry
            </Button>
          }
        />
      ) : null}
    </div>
  );
}
