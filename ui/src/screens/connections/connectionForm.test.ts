import { describe, expect, it } from "vitest";

import type { Connection } from "../../ipc";
import { initialValues, toInput, validate, type ConnectionFormValues } from "./connectionForm";

const service: Connection = {
  id: "c1",
  name: "Prod",
  region: null,
  baseUrl: "https://api.example.test",
  apiBase: "https://api.example.test",
  clientId: "client",
  grant: "clientCredentials",
  isDemo: false,
  hasClientSecret: true,
  signedIn: false,
  staySignedIn: false,
  active: false,
};

const filled: ConnectionFormValues = {
  name: " Prod EU ",
  location: "region",
  region: "eu_west_1",
  baseUrl: "",
  clientId: " abc ",
  grant: "pkce",
  clientSecret: "",
};

describe("validate", () => {
  it("requires name, region and client id", () => {
    expect(validate(initialValues(null), null)).toEqual({
      name: "Enter a name.",
      region: "Choose a region.",
      clientId: "Enter the OAuth client ID.",
    });
  });

  it("requires a full http(s) URL for a custom location", () => {
    const values = { ...filled, location: "url" as const, baseUrl: "api.example.com" };
    expect(validate(values, null).baseUrl).toMatch(/full URL/);
    expect(validate({ ...values, baseUrl: "http://127.0.0.1:8080" }, null)).toEqual({});
  });

  it("requires a secret for a new service connection but not when one is stored", () => {
    const values = { ...filled, grant: "clientCredentials" as const };
    expect(validate(values, null).clientSecret).toBe("Enter the client secret.");
    expect(validate(values, service)).toEqual({});
  });
});

describe("toInput", () => {
  it("trims text and sends only the chosen location", () => {
    expect(toInput(filled, null)).toEqual({
      id: null,
      name: "Prod EU",
      region: "eu_west_1",
      baseUrl: null,
      clientId: "abc",
      grant: "pkce",
      clientSecret: null,
    });
  });

  it("keeps the stored secret when the field is left blank on edit", () => {
    const values = initialValues(service);
    expect(values.location).toBe("url");
    expect(toInput(values, service)).toMatchObject({ id: "c1", clientSecret: null });
    expect(toInput({ ...values, clientSecret: "new" }, service).clientSecret).toBe("new");
  });
});
