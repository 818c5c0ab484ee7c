import { PresenceDot } from "../../components/session/PresenceDot";
import type { Session } from "../../ipc";
import "../screens.css";
import "./overview.css";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join("");
}

/** Who is signed in: the supervisor's profile and presence, or the service identity. */
export function SupervisorCard({ session }: { session: Session }) {
  const { user, organization, presence } = session;
  if (!user) {
    return (
      <section className="card" aria-labelledby="supervisor-card-title">
        <h2 id="supervisor-card-title" className="card__title">
          Signed in as a service
        </h2>
        <p className="muted">
          This connection uses client credentials: there is no person behind it, so no profile or
          presence.
        </p>
        <dl className="facts">
          <dt>Organization</dt>
          <dd>{organization?.name ?? "—"}</dd>
        </dl>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="supervisor-card-title">
      <h2 id="supervisor-card-title" className="card__title">
        Supervisor
      </h2>
      <div className="supervisor">
        <span className="supervisor__avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <div>
          <p className="supervisor__name" data-testid="overview-user-name">
            {user.name}
          </p>
          {user.title ? <p className="muted">{user.title}</p> : null}
        </div>
      </div>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{user.email ?? "—"}</dd>
        <dt>Department</dt>
        <dd>{user.department ?? "—"}</dd>
        <dt>Organization</dt>
        <dd>{organization?.name ?? "—"}</dd>
        <dt>Presence</dt>
        <dd data-testid="overview-presence">
          <PresenceDot systemPresence={presence?.systemPresence} />
          <span>{presence?.label ?? "Unknown"}</span>
          {presence?.message ? <span className="muted">— {presence.message}</span> : null}
        </dd>
      </dl>
    </section>
  );
}
