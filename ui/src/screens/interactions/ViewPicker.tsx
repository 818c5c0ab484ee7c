// Chooses the saved view and manages views: save changes, save as new, rename, duplicate,
// delete. Unsaved changes are marked "Modified" so a supervisor knows Save will keep them.
import { ChevronDown, Copy, Pencil, Save, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";

import { Badge } from "../../components/primitives/Badge";
import { Button } from "../../components/primitives/Button";
import { Dialog } from "../../components/primitives/Dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../../components/primitives/DropdownMenu";
import { ErrorNotice } from "../../components/primitives/ErrorNotice";
import { TextField } from "../../components/primitives/TextField";
import type { SavedView } from "../../ipc";

export interface ViewPickerProps {
  views: SavedView[];
  current: SavedView | null;
  modified: boolean;
  saving: boolean;
  onSelect: (id: string) => void;
  onSave: () => void;
  /** Resolve to close the dialog; reject to keep it open with the error. */
  onSaveAs: (name: string) => Promise<unknown>;
  onRename: (name: string) => Promise<unknown>;
  onDuplicate: () => void;
  onDelete: () => Promise<unknown>;
}

type DialogKind = "saveAs" | "rename" | "delete" | null;

export function ViewPicker({
  views,
  current,
  modified,
  saving,
  onSelect,
  onSave,
  onSaveAs,
  onRename,
  onDuplicate,
  onDelete,
}: ViewPickerProps) {
  const [dialog, setDialog] = useState<DialogKind>(null);
  const close = () => setDialog(null);

  return (
    <div className="view-picker">
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <button type="button" className="view-picker__trigger" data-testid="view-picker">
            <span className="view-picker__name">{current?.name ?? "Choose a view"}</span>
            <ChevronDown size={14} aria-hidden="true" />
          </button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="view-picker__menu">
          <DropdownMenuLabel>Views</DropdownMenuLabel>
          <DropdownMenuRadioGroup value={current?.id ?? ""} onValueChange={onSelect}>
            {views.map((view) => (
              <DropdownMenuRadioItem
                key={view.id}
                value={view.id}
                data-testid={`view-option-${view.id}`}
              >
                {view.name}
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
          {current ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={() => setDialog("rename")} data-testid="view-rename">
                <Pencil size={14} aria-hidden="true" />
                Rename…
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={onDuplicate} data-testid="view-duplicate">
                <Copy size={14} aria-hidden="true" />
                Duplicate
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => setDialog("delete")} data-testid="view-delete">
                <Trash2 size={14} aria-hidden="true" />
                Delete…
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      {modified ? (
        <Badge tone="warning" data-testid="view-modified">
          Modified
        </Badge>
      ) : null}
      <Button
        size="sm"
        variant={modified ? "primary" : "secondary"}
        icon={<Save size={14} aria-hidden="true" />}
        disabled={!current || !modified}
        busy={saving}
        onClick={onSave}
        data-testid="view-save"
      >
        Save
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setDialog("saveAs")}
        data-testid="view-save-as"
      >
        Save as new view…
      </Button>
      <ViewNameDialog
        open={dialog === "saveAs" || dialog === "rename"}
        key={dialog ?? "closed"}
        title={dialog === "rename" ? "Rename view" : "Save as new view"}
        submitLabel={dialog === "rename" ? "Rename" : "Save view"}
        initialName={dialog === "rename" ? (current?.name ?? "") : ""}
        onSubmit={dialog === "rename" ? onRename : onSaveAs}
        onClose={close}
      />
      <DeleteViewDialog
        view={dialog === "delete" ? current : null}
        onDelete={onDelete}
        onClose={close}
      />
    </div>
  );
}

interface ViewNameDialogProps {
  open: boolean;
  title: string;
  submitLabel: string;
  initialName: string;
  onSubmit: (name: string) => Promise<unknown>;
  onClose: () => void;
}

function ViewNameDialog({
  open,
  title,
  submitLabel,
  initialName,
  onSubmit,
  onClose,
}: ViewNameDialogProps) {
  const [name, setName] = useState(initialName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [touched, setTouched] = useState(false);
  const empty = name.trim() === "";

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (empty) return;
    setBusy(true);
    setError(null);
    onSubmit(name.trim()).then(onClose, (e: unknown) => {
      setBusy(false);
      setError(e);
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => (o ? undefined : onClose())}
      title={title}
      size="sm"
      data-testid="view-name-dialog"
    >
      <form className="dialog__body" onSubmit={submit} noValidate>
        <TextField
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={touched && empty ? "Give the view a name." : null}
          maxLength={80}
          data-testid="view-name-input"
        />
        {error ? <ErrorNotice error={error} title="Could not save the view" /> : null}
        <div className="dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="view-name-submit">
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteViewDialog({
  view,
  onDelete,
  onClose,
}: {
  view: SavedView | null;
  onDelete: () => Promise<unknown>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setBusy(false);
    setError(null);
    onClose();
  };
  return (
    <Dialog
      open={view !== null}
      onOpenChange={(o) => (o ? undefined : close())}
      title="Delete view?"
      size="sm"
      data-testid="view-delete-dialog"
      description={
        view ? (
          <>
            <strong>{view.name}</strong> will be deleted. The interactions themselves are not
            affected.
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
            busy={busy}
            data-testid="view-delete-confirm"
            onClick={() => {
              setBusy(true);
              onDelete().then(close, (e: unknown) => {
                setBusy(false);
                setError(e);
              });
            }}
          >
            Delete
          </Button>
        </>
      }
    >
      {error ? <ErrorNotice error={error} title="Could not delete the view" /> : null}
    </Dialog>
  );
}
