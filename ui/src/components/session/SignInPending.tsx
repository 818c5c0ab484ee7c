import type { Grant } from "../../ipc";
import { Button } from "../primitives/Button";
import { Spinner } from "../primitives/Spinner";
import "./session.css";

export interface SignInPendingProps {
  grant: Grant;
  onCancel: () => void;
  cancelling?: boolean;
  /** "sign-in" gives `sign-in-pending` and `sign-in-cancel`. */
  testIdPrefix?: string;
}

/** Shown while sign_in runs; for PKCE the person is finishing in the system browser. */
export function SignInPending({
  grant,
  onCancel,
  cancelling = false,
  testIdPrefix = "sign-in",
}: SignInPendingProps) {
  return (
    <div className="sign-in-pending" role="status" data-testid={`${testIdPrefix}-pending`}>
      <Spinner size="sm" />
      <span>{grant === "pkce" ? "Waiting for the browser…" : "Signing in…"}</span>
      <Button
        size="sm"
        variant="ghost"
        onClick={onCancel}
        busy={cancelling}
        data-testid={`${testIdPrefix}-cancel`}
      >
        Cancel
      </Button>
    </div>
  );
}
