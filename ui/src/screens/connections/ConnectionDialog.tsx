import { useId, useState, type FormEvent } from "react";

import { Button } from "../../components/primitives/Button";
import { ChoiceGroup } from "../../components/primitives/ChoiceGroup";
import { Dialog } from "../../components/primitives/Dialog";
import { ErrorNotice } from "../../components/primitives/ErrorNotice";
import { Select } from "../../components/primitives/Select";
import { TextField } from "../../components/primitives/TextField";
import { useRegions, useSaveConnection } from "../../data/connections";
import type { Connection } from "../../ipc";
import {
  initialValues,
  toInput,
  validate,
  type ConnectionFormErrors,
  type ConnectionFormValues,
} from "./connectionForm";
import "./connections.css";

export interface ConnectionDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The connection to edit; null adds a new one. */
  connection: Connection | null;
}

export function ConnectionDialog({ open, onOpenChange, connection }: ConnectionDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={connection ? "Edit connection" : "Add connection"}
      data-testid="connection-dialog"
    >
      <ConnectionForm connection={connection} onDone={() => onOpenChange(false)} />
    </Dialog>
  );
}

const LOCATION_CHOICES = [
  { value: "region", label: "Region", testId: "conn-location-region" },
  { value: "url", label: "Custom base URL", testId: "conn-location-url" },
] as const;

const GRANT_CHOICES = [
  {
    value: "pkce",
    label: "Sign in as a person (authorization code + PKCE)",
    testId: "conn-grant-pkce",
  },
  {
    value: "clientCredentials",
    label: "Service (client credentials)",
    testId: "conn-grant-client-credentials",
  },
] as const;

/** Mounted each time the dialog opens, so it starts from the connection's values. */
function ConnectionForm({
  connection,
  onDone,
}: {
  connection: Connection | null;
  onDone: () => void;
}) {
  const regionFieldId = useId();
  const regions = useRegions();
  const save = useSaveConnection();
  const [values, setValues] = useState<ConnectionFormValues>(() => initialValues(connection));
  const [errors, setErrors] = useState<ConnectionFormErrors>({});

  const set = <K extends keyof ConnectionFormValues>(key: K, value: ConnectionFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate(values, connection);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(toInput(values, connection), { onSuccess: onDone });
  };

  const region = regions.data?.find((r) => r.id === values.region);
  const keepsSecret = connection?.hasClientSecret === true;

  return (
    <form className="connection-form" noValidate onSubmit={submit} aria-busy={save.isPending}>
      <TextField
        label="Name"
        name="name"
        data-testid="conn-name"
        value={values.name}
        onChange={(e) => set("name", e.target.value)}
        error={errors.name}
        autoComplete="off"
      />
      <ChoiceGroup
        legend="Location"
        name="location"
        layout="row"
        value={values.location}
        choices={LOCATION_CHOICES}
        onChange={(location) => set("location", location)}
      />
      {values.location === "region" ? (
        <div className="field">
          <label className="field__label" htmlFor={regionFieldId}>
            Region
          </label>
          <Select
            id={regionFieldId}
            name="region"
            data-testid="conn-region"
            value={values.region || undefined}
            onValueChange={(id) => set("region", id)}
            options={(regions.data ?? []).map((r) => ({ value: r.id, label: r.label }))}
            placeholder={regions.isPending ? "Loading regions…" : "Choose a region"}
            invalid={Boolean(errors.region)}
            aria-describedby={errors.region ? `${regionFieldId}-error` : undefined}
          />
          {region ? <p className="field__hint mono">{region.apiBase}</p> : null}
          {errors.region ? (
            <p id={`${regionFieldId}-error`} className="field__error">
              {errors.region}
            </p>
          ) : null}
          {regions.error ? <ErrorNotice compact error={regions.error} /> : null}
        </div>
      ) : (
        <TextField
          label="API base URL"
          name="baseUrl"
          type="url"
          data-testid="conn-base-url"
          placeholder="https://api.mypurecloud.com"
          value={values.baseUrl}
          onChange={(e) => set("baseUrl", e.target.value)}
          error={errors.baseUrl}
          spellCheck={false}
        />
      )}
      <TextField
        label="OAuth client ID"
        name="clientId"
        data-testid="conn-client-id"
        value={values.clientId}
        onChange={(e) => set("clientId", e.target.value)}
        error={errors.clientId}
        autoComplete="off"
        spellCheck={false}
      />
      <ChoiceGroup
        legend="Sign-in method"
        name="grant"
        value={values.grant}
        choices={GRANT_CHOICES}
        onChange={(grant) => set("grant", grant)}
      />
      {values.grant === "clientCredentials" ? (
        <TextField
          label="Client secret"
          name="clientSecret"
          type="password"
          data-testid="conn-client-secret"
          value={values.clientSecret}
          onChange={(e) => set("clientSecret", e.target.value)}
          error={errors.clientSecret}
          autoComplete="new-password"
          hint={
            keepsSecret
              ? "Leave blank to keep the stored secret."
              : "Stored in the system keyring, never in a file."
          }
        />
      ) : null}
      <div aria-live="polite">
        {save.error ? (
          <ErrorNotice
            error={save.error}
            title="Could not save the connection"
            data-testid="conn-error"
          />
        ) : null}
      </div>
      <div className="dialog__footer">
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" busy={save.isPending} data-testid="conn-save">
          {connection ? "Save changes" : "Add connection"}
        </Button>
      </div>
    </form>
  );
}
