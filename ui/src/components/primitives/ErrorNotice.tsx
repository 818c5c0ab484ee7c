import { CircleAlert } from "lucide-react";
import type { ReactNode } from "react";

import { IpcError } from "../../ipc";
import "./primitives.css";

export interface ErrorNoticeProps {
  /** Any rejection; shown through IpcError so the message is plain text. */
  error: unknown;
  /** A short lead-in such as "Could not save the connection". */
  title?: string;
  action?: ReactNode;
  /** One line, for tight places such as the header or a table row. */
  compact?: boolean;
  "data-testid"?: string;
}

/** An error's message as plain text, with its code small and muted for support. */
export function ErrorNotice({
  error,
  title,
  action,
  compact = false,
  "data-testid": testId,
}: ErrorNoticeProps) {
  const { code, message } = IpcError.from(error);
  const className = compact ? "error-notice error-notice--compact" : "error-notice";
  return (
    <div className={className} role="alert" data-testid={testId} data-error-code={code}>
      <CircleAlert className="error-notice__icon" size={16} aria-hidden="true" />
      <div className="error-notice__text">
        {title ? <p className="error-notice__title">{title}</p> : null}
        <p className="error-notice__message">{message}</p>
        <p className="error-notice__code">{code}</p>
      </div>
      {action ? <div className="error-notice__action">{action}</div> : null}
    </div>
  );
}
