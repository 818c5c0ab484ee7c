import { Badge } from "../../components/primitives/Badge";
import { useRegions } from "../../data/connections";
import { connectionLocation, signInLabel } from "../../domain/connection";
import type { Connection } from "../../ipc";
import "../screens.css";

/** The connection the session came from. */
export function ConnectionCard({ connection }: { connection: Connection }) {
  const regions = useRegions();
  return (
    <section className="card" aria-labelledby="connection-card-title">
      <h2 id="connection-card-title" className="card__title">
        Connection
      </h2>
      <dl className="facts">
        <dt>Name</dt>
        <dd>
          {connection.name}
          {connection.isDemo ? <Badge tone="accent">Demo</Badge> : null}
        </dd>
        <dt>Location</dt>
        <dd>{connectionLocation(connection, regions.data ?? [])}</dd>
        <dt>API</dt>
        <dd className="mono">{connection.apiBase}</dd>
        <dt>Sign-in</dt>
        <dd>{signInLabel(connection)}</dd>
        <dt>Stay signed in</dt>
        <dd>{connection.staySignedIn ? "Yes" : "No"}</dd>
      </dl>
    </section>
  );
}
