import { useId } from "react";

import { useConnections } from "../../data/connections";
import { useSetActiveConnection } from "../../data/session";
import { Badge } from "../primitives/Badge";
import { ErrorNotice } from "../primitives/ErrorNotice";
import { Select, type SelectOption } from "../primitives/Select";
import "./frame.css";

/** Chooses the active connection; the demo organization is marked as such. */
export function ConnectionSwitcher() {
  const triggerId = useId();
  const connections = useConnections();
  const setActive = useSetActiveConnection();
  const list = connections.data ?? [];
  const active = list.find((c) => c.active);

  const options: SelectOption[] = list.map((connection) => ({
    value: connection.id,
    textValue: connection.name,
    label: (
      <span className="switcher-option">
        <span className="switcher-option__name">{connection.name}</span>
        {connection.isDemo ? <Badge tone="accent">Demo</Badge> : null}
      </span>
    ),
  }));

  return (
    <div className="connection-switcher">
      <label htmlFor={triggerId} className="connection-switcher__label">
        Connection
      </label>
      <Select
        value={setActive.isPending ? setActive.variables : active?.id}
        onValueChange={(id) => setActive.mutate(id)}
        options={options}
        placeholder={connections.isPending ? "Loading…" : "Choose a connection"}
        disabled={connections.isPending || setActive.isPending || list.length === 0}
        id={triggerId}
        data-testid="connection-switcher"
        className="connection-switcher__trigger"
      />
      {connections.error ? <ErrorNotice compact error={connections.error} /> : null}
      {setActive.error ? <ErrorNotice compact error={setActive.error} /> : null}
    </div>
  );
}
