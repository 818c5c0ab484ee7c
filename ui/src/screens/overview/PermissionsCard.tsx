import { CircleCheck, CircleX } from "lucide-react";

import { Badge } from "../../components/primitives/Badge";
import { hasPermission, SUPERVISOR_CAPABILITIES } from "../../domain/permissions";
import "../screens.css";
import "./overview.css";

/** What this sign-in allows a supervisor to do, one row per capability. */
export function PermissionsCard({ permissions }: { permissions: readonly string[] }) {
  return (
    <section className="card" aria-labelledby="permissions-card-title">
      <h2 id="permissions-card-title" className="card__title">
        Supervision permissions
      </h2>
      <ul className="capabilities">
        {SUPERVISOR_CAPABILITIES.map((capability) => {
          const granted = hasPermission(permissions, capability.permission);
          return (
            <li
              key={capability.id}
              className="capability"
              data-testid={`permission-${capability.id}`}
              data-granted={granted}
            >
              {granted ? (
                <CircleCheck className="capability__icon--granted" size={16} aria-hidden="true" />
              ) : (
                <CircleX className="capability__icon--missing" size={16} aria-hidden="true" />
              )}
              <div className="capability__text">
                <span className="capability__label">{capability.label}</span>
                <span className="muted">{capability.detail}</span>
                <span className="mono muted">{capability.permission}</span>
              </div>
              <Badge tone={granted ? "success" : "warning"}>
                {granted ? "Granted" : "Missing"}
              </Badge>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
