import { Button } from "../../components/primitives/Button";
import { Dialog } from "../../components/primitives/Dialog";
import { ErrorNotice } from "../../components/primitives/ErrorNotice";
import { useRemoveConnection } from "../../data/connections";
import type { Connection } from "../../ipc";

export interface RemoveConnectionDialogProps {
  /** The connection to remove; null keeps the dialog closed. */
  connection: Connection | null;
  onClose: () => void;
}

/** Asks before removing; the connection's stored secret and tokens go with it. */
export function RemoveConnectionDialog({ connection, onClose }: RemoveConnectionDialogProps) {
  const remove = useRemoveConnection();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Dialog
      open={connection !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title="Remove connection?"
      size="sm"
      data-testid="remove-connection-dialog"
      description={
        connection ? (
          <>
            <strong>{connection.name}</strong> will be removed from this computer, with its saved
            sign-in and client secret.
          </>
        ) : null
      }
      footer={
        <>
          <Button variant="ghost" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            busy={remove.isPending}
            data-testid="connection-remove-confirm"
            onClick={() => connection && remove.mutate(connection.id, { onSuccess: close })}
          >
            Remove
          </Button>
        </>
      }
    >
      {remove.error ? (
        <ErrorNotice error={remove.error} title="Could not remove the connection" />
      ) : null}
    </Dialog>
  );
}
