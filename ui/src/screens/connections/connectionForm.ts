// The Add/Edit connection form as plain data: initial values, validation, and the
// ConnectionInput it becomes. No React here, so it is tested on its own.
import type { Connection, ConnectionInput, Grant } from "../../ipc";

export type LocationKind = "region" | "url";

export interface ConnectionFormValues {
  name: string;
  location: LocationKind;
  region: string;
  baseUrl: string;
  clientId: string;
  grant: Grant;
  clientSecret: string;
}

export type ConnectionFormErrors = Partial<Record<keyof ConnectionFormValues, string>>;

export function initialValues(connection: Connection | null): ConnectionFormValues {
  return {
    name: connection?.name ?? "",
    location: connection && !connection.region && connection.baseUrl ? "url" : "region",
    region: connection?.region ?? "",
    baseUrl: connection?.baseUrl ?? "",
    clientId: connection?.clientId ?? "",
    grant: connection?.grant ?? "pkce",
    clientSecret: "",
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Whether a client secret must be typed: a service connection with none stored yet. */
export function secretRequired(values: ConnectionFormValues, editing: Connection | null): boolean {
  return values.grant === "clientCredentials" && !editing?.hasClientSecret;
}

export function validate(
  values: ConnectionFormValues,
  editing: Connection | null,
): ConnectionFormErrors {
  const errors: ConnectionFormErrors = {};
  if (!values.name.trim()) errors.name = "Enter a name.";
  if (values.location === "region" && !values.region) errors.region = "Choose a region.";
  if (values.location === "url") {
    const baseUrl = values.baseUrl.trim();
    if (!baseUrl) errors.baseUrl = "Enter the API base URL.";
    else if (!isHttpUrl(baseUrl))
      errors.baseUrl = "Enter a full URL, such as https://api.example.com.";
  }
  if (!values.clientId.trim()) errors.clientId = "Enter the OAuth client ID.";
  if (secretRequired(values, editing) && !values.clientSecret) {
    errors.clientSecret = "Enter the client secret.";
  }
  return errors;
}

/** The save_connection input; a blank secret on edit is null, which keeps the stored one. */
export function toInput(values: ConnectionFormValues, editing: Connection | null): ConnectionInput {
  const byRegion = values.location === "region";
  const usesSecret = values.grant === "clientCredentials";
  return {
    id: editing?.id ?? null,
    name: values.name.trim(),
    region: byRegion ? values.region : null,
    baseUrl: byRegion ? null : values.baseUrl.trim(),
    clientId: values.clientId.trim(),
    grant: values.grant,
    clientSecret: usesSecret && values.clientSecret ? values.clientSecret : null,
  };
}
