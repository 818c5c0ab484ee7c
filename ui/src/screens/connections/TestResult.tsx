import { CircleCheck } from "lucide-react";

import { ErrorNotice } from "../../components/primitives/ErrorNotice";
import type { ConnectionTest, IpcError } from "../../ipc";

export interface TestResultProps {
  result: ConnectionTest | undefined;
  error: IpcError | null;
}

/** The outcome of the last Test: the round trip in ms, or why it failed. */
export function TestResult({ result, error }: TestResultProps) {
  if (error) {
    return (
      <ErrorNotice compact title="Test failed" error={error} data-testid="connection-test-result" />
    );
  }
  if (!result) return null;
  return (
    <p className="test-result" data-testid="connection-test-result" data-outcome="ok">
      <CircleCheck size={14} aria-hidden="true" />
      <span>Reachable in {Math.round(result.latencyMs)} ms</span>
      {result.message ? <span className="muted">{result.message}</span> : null}
    </p>
  );
}
