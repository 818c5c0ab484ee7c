import { Cable, Plus } from "lucide-react";
import { useState } from "react";

import { Button } from "../../components/primitives/Button";
import { EmptyState } from "../../components/primitives/EmptyState";
import { ErrorNotice } from "../../components/primitives/ErrorNotice";
import { Spinner } from "../../components/primitives/Spinner";
import { useConnections, useRegions } from "../../data/connections";
import type { Connection } from "../../ipc";
import { ConnectionDialog } from "./ConnectionDialog";
import { ConnectionRow } from "./ConnectionRow";
import { RemoveConnectionDialog } from "./RemoveConnectionDialog";
import "../screens.css";
import "./connections.css";

/** The dialog in use: adding, editing one connection, or none. */
type Editing = { connection: Connection | null } | null;

export function ConnectionsScreen() {
  const connections = useConnections();
  const regions = useRegions();
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<Connection | null>(null);
  const list = connections.data ?? [];

  return (
    <div className="screen" data-testid="connections-screen">
      <header className="screen__header">
        <div>
          <h1 className="screen__title">Connections</h1>
          <p className="screen__subtitle">
            The organizations this console signs in to, and how it signs in.
          </p>
        </div>
        <Button
          variant="primary"
          icon={<Plus size={14} aria-hidden="true" />}
          onClick={() => setEditing({ connection: null })}
          data-testid="add-connection"
        >
          Add connection
        </Button>
      </header>
      {connections.isPending ? <Spinner label="Loading connections" /> : null}
      {connections.error ? (
        <ErrorNotice error={connections.error} title="Could not load connections" />
      ) : null}
      {connections.isSuccess && list.length === 0 ? (
        <EmptyState icon={<Cable size={28} />} title="No connections yet">
          Add one with the OAuth client your organization created for this console.
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <div className="connection-table">
          <div className="connection-table__head" aria-hidden="true">
            <span>Name</span>
            <span>Location</span>
            <span>Sign-in</span>
            <span>Status</span>
            <span />
          </div>
          <ul className="connection-table__body" aria-label="Connections">
            {list.map((connection) => (
              <ConnectionRow
                key={connection.id}
                connection={connection}
                regions={regions.data ?? []}
                onEdit={(c) => setEditing({ connection: c })}
                onRemove={setRemoving}
              />
            ))}
          </ul>
        </div>
      ) : null}
      <ConnectionDialog
        open={editing !== null}
        onOpenChange={(open) => (open ? undefined : setEditing(null))}
        connection={editing?.connection ?? null}
      />
      <RemoveConnectionDialog connection={removing} onClose={() => setRemoving(null)} />
    </div>
  );
}
