import { CircleUser } from "lucide-react";

import { Button } from "../../components/primitives/Button";
import { EmptyState } from "../../components/primitives/EmptyState";
import { ErrorNotice } from "../../components/primitives/ErrorNotice";
import { Spinner } from "../../components/primitives/Spinner";
import { useConnections } from "../../data/connections";
import { useSession } from "../../data/session";
import { ConnectionCard } from "./ConnectionCard";
import { PermissionsCard } from "./PermissionsCard";
import { SupervisorCard } from "./SupervisorCard";
import "../screens.css";
import "./overview.css";

export function OverviewScreen({ onOpenConnections }: { onOpenConnections: () => void }) {
  const session = useSession();
  const connections = useConnections();
  const connection = connections.data?.find((c) => c.id === session.data?.connectionId);

  return (
    <div className="screen" data-testid="overview-screen">
      <header className="screen__header">
        <div>
          <h1 className="screen__title">Overview</h1>
          <p className="screen__subtitle">Your profile and what this sign-in lets you supervise.</p>
        </div>
      </header>
      {session.isPending ? <Spinner label="Loading session" /> : null}
      {session.error ? (
        <ErrorNotice error={session.error} title="Could not read the session" />
      ) : null}
      {session.data === null ? (
        <EmptyState
          icon={<CircleUser size={28} />}
          title="You are signed out"
          action={
            <Button variant="secondary" onClick={onOpenConnections}>
              Manage connections
            </Button>
          }
        >
          Sign in from the header, or choose another connection.
        </EmptyState>
      ) : null}
      {session.data ? (
        <div className="overview-grid">
          <SupervisorCard session={session.data} />
          {connection ? <ConnectionCard connection={connection} /> : null}
          <PermissionsCard permissions={session.data.permissions} />
        </div>
      ) : null}
    </div>
  );
}
