import { Activity, LogIn, LogOut, Pencil, Trash2 } from "lucide-react";
import { useState } from "react";

import { Badge } from "../../components/primitives/Badge";
import { Button } from "../../components/primitives/Button";
import { Checkbox } from "../../components/primitives/Checkbox";
import { ErrorNotice } from "../../components/primitives/ErrorNotice";
import { Tooltip } from "../../components/primitives/Tooltip";
import { SignInPending } from "../../components/session/SignInPending";
import { useSignInFlow } from "../../components/session/useSignInFlow";
import { useTestConnection } from "../../data/connections";
import { useSignOut } from "../../data/session";
import { connectionLocation, signInLabel } from "../../domain/connection";
import type { Connection, Region } from "../../ipc";
import { TestResult } from "./TestResult";
import "./connections.css";

export interface ConnectionRowProps {
  connection: Connection;
  regions: readonly Region[];
  onEdit: (connection: Connection) => void;
  onRemove: (connection: Connection) => void;
}

export function ConnectionRow({ connection, regions, onEdit, onRemove }: ConnectionRowProps) {
  const [staySignedIn, setStaySignedIn] = useState(connection.staySignedIn);
  const signIn = useSignInFlow();
  const signOut = useSignOut();
  const test = useTestConnection();
  const pending = signIn.isPending(connection);

  return (
    <li
      className="connection-row"
      data-testid="connection-row"
      data-connection-name={connection.name}
      aria-label={connection.name}
    >
      <div className="connection-row__name">
        <span className="connection-row__title">{connection.name}</span>
        {connection.isDemo ? (
          <Tooltip content="A built-in simulated organization. It cannot be edited or removed.">
            <Badge tone="accent" tabIndex={0}>
              Demo
            </Badge>
          </Tooltip>
        ) : null}
        {connection.active ? <Badge>In use</Badge> : null}
      </div>
      <span className="connection-row__location">{connectionLocation(connection, regions)}</span>
      <span className="muted">{signInLabel(connection, true)}</span>
      <span>
        <Badge tone={connection.signedIn ? "success" : "neutral"} data-testid="connection-status">
          {connection.signedIn ? "Signed in" : "Signed out"}
        </Badge>
      </span>
      <div className="connection-row__actions">
        {connection.signedIn ? (
          <Button
            size="sm"
            icon={<LogOut size={14} aria-hidden="true" />}
            busy={signOut.isPending}
            onClick={() => signOut.mutate(connection.id)}
            data-testid="connection-sign-out"
          >
            Sign out
          </Button>
        ) : (
          <>
            <Checkbox
              label="Stay signed in"
              name="staySignedIn"
              checked={staySignedIn}
              onChange={(e) => setStaySignedIn(e.target.checked)}
              disabled={pending}
              data-testid="conn-stay-signed-in"
            />
            <Button
              size="sm"
              variant="primary"
              icon={<LogIn size={14} aria-hidden="true" />}
              disabled={pending}
              onClick={() => signIn.start(connection, staySignedIn)}
              data-testid="connection-sign-in"
            >
              Sign in
            </Button>
          </>
        )}
        <Button
          size="sm"
          variant="ghost"
          icon={<Activity size={14} aria-hidden="true" />}
          busy={test.isPending}
          onClick={() => test.mutate(connection.id)}
          data-testid="connection-test"
        >
          Test
        </Button>
        {connection.isDemo ? null : (
          <>
            <Tooltip content="Edit">
              <Button
                size="sm"
                variant="ghost"
                className="button--icon"
                icon={<Pencil size={14} aria-hidden="true" />}
                aria-label={`Edit ${connection.name}`}
                onClick={() => onEdit(connection)}
                data-testid="connection-edit"
              />
            </Tooltip>
            <Tooltip content="Remove">
              <Button
                size="sm"
                variant="ghost"
                className="button--icon"
                icon={<Trash2 size={14} aria-hidden="true" />}
                aria-label={`Remove ${connection.name}`}
                onClick={() => onRemove(connection)}
                data-testid="connection-remove"
              />
            </Tooltip>
          </>
        )}
      </div>
      <div className="connection-row__detail" aria-live="polite">
        {pending ? (
          <SignInPending
            grant={connection.grant}
            onCancel={() => signIn.cancel(connection)}
            cancelling={signIn.cancelling}
          />
        ) : null}
        {signIn.error ? <ErrorNotice compact title="Sign-in failed" error={signIn.error} /> : null}
        {signOut.error ? (
          <ErrorNotice compact title="Sign-out failed" error={signOut.error} />
        ) : null}
        {test.isPending ? null : <TestResult result={test.data} error={test.error} />}
      </div>
    </li>
  );
}
