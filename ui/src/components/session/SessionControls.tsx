import { LogIn } from "lucide-react";

import { useConnections } from "../../data/connections";
import { useSession } from "../../data/session";
import { Badge } from "../primitives/Badge";
import { Button } from "../primitives/Button";
import { ErrorNotice } from "../primitives/ErrorNotice";
import { Spinner } from "../primitives/Spinner";
import { PresenceMenu } from "./PresenceMenu";
import { SignInPending } from "./SignInPending";
import { useSignInFlow } from "./useSignInFlow";
import "./session.css";

export interface SessionControlsProps {
  /** Where "Sign in" leads when there is no active connection to sign in to. */
  onOpenConnections: () => void;
}

/** The header's right side: who is signed in and their presence, or a way to sign in. */
export function SessionControls({ onOpenConnections }: SessionControlsProps) {
  const session = useSession();
  const connections = useConnections();
  const flow = useSignInFlow();
  const active = connections.data?.find((c) => c.active) ?? null;

  if (session.isPending) return <Spinner size="sm" label="Loading session" />;
  if (session.error) return <ErrorNotice compact error={session.error} />;

  const current = session.data;
  if (!current) {
    return (
      <div className="session-controls" aria-live="polite">
        <span className="session-controls__signed-out" data-testid="signed-out">
          Signed out
        </span>
        {active && flow.isPending(active) ? (
          <SignInPending
            grant={active.grant}
            onCancel={() => flow.cancel(active)}
            cancelling={flow.cancelling}
            testIdPrefix="header-sign-in"
          />
        ) : (
          <Button
            variant="primary"
            size="sm"
            icon={<LogIn size={14} aria-hidden="true" />}
            data-testid="header-sign-in"
            onClick={() => (active ? flow.start(active, active.staySignedIn) : onOpenConnections())}
          >
            Sign in
          </Button>
        )}
        {flow.error ? <ErrorNotice compact error={flow.error} /> : null}
      </div>
    );
  }

  if (current.kind === "service" || !current.user) {
    return (
      <div className="session-controls">
        <Badge tone="accent">Service</Badge>
        <span>{current.organization?.name ?? "Signed in with client credentials"}</span>
      </div>
    );
  }

  return (
    <div className="session-controls">
      <div className="session-identity">
        <span className="session-identity__name" data-testid="session-user-name">
          {current.user.name}
        </span>
        {current.user.title ? (
          <span className="session-identity__title" data-testid="session-user-title">
            {current.user.title}
          </span>
        ) : null}
      </div>
      <PresenceMenu session={current} />
    </div>
  );
}
