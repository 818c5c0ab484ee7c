import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { installFakeBackend } from "../../test/fakeBackend";
import { renderWithProviders } from "../../test/render";
import { ConnectionsScreen } from "./ConnectionsScreen";

async function openAddDialog() {
  const backend = installFakeBackend();
  const rendered = renderWithProviders(<ConnectionsScreen />);
  await rendered.user.click(await screen.findByTestId("add-connection"));
  const dialog = await screen.findByRole("dialog", { name: "Add connection" });
  return { backend, dialog, ...rendered };
}

describe("Add connection dialog", () => {
  it("checks required fields before calling the backend", async () => {
    const { backend, dialog, user } = await openAddDialog();

    await user.click(within(dialog).getByTestId("conn-save"));

    expect(within(dialog).getByText("Enter a name.")).toBeInTheDocument();
    expect(within(dialog).getByText("Choose a region.")).toBeInTheDocument();
    expect(within(dialog).getByText("Enter the OAuth client ID.")).toBeInTheDocument();
    expect(within(dialog).getByTestId("conn-name")).toHaveAttribute("aria-invalid", "true");
    expect(backend.callsTo("save_connection")).toEqual([]);
  });

  it("asks for a client secret only for a service connection", async () => {
    const { dialog, user } = await openAddDialog();

    expect(within(dialog).queryByTestId("conn-client-secret")).not.toBeInTheDocument();
    await user.click(within(dialog).getByTestId("conn-grant-client-credentials"));
    const secret = within(dialog).getByTestId("conn-client-secret");
    expect(secret).toHaveAttribute("type", "password");

    await user.click(within(dialog).getByTestId("conn-save"));
    expect(within(dialog).getByText("Enter the client secret.")).toBeInTheDocument();
  });

  it("saves a region connection and lists it", async () => {
    const { backend, dialog, user } = await openAddDialog();

    await user.type(within(dialog).getByTestId("conn-name"), "Dublin Staging");
    await user.click(within(dialog).getByTestId("conn-region"));
    await user.click(await screen.findByRole("option", { name: "EMEA (Dublin)" }));
    await user.type(within(dialog).getByTestId("conn-client-id"), "client-123");
    await user.click(within(dialog).getByTestId("conn-grant-client-credentials"));
    await user.type(within(dialog).getByTestId("conn-client-secret"), "s3cret");
    await user.click(within(dialog).getByTestId("conn-save"));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.callsTo("save_connection")).toEqual([
      {
        input: {
          id: null,
          name: "Dublin Staging",
          region: "eu_west_1",
          baseUrl: null,
          clientId: "client-123",
          grant: "clientCredentials",
          clientSecret: "s3cret",
        },
      },
    ]);
    expect(
      await screen.findByText("Dublin Staging", { selector: ".connection-row__title" }),
    ).toBeInTheDocument();
  });

  it("saves a custom base URL instead of a region", async () => {
    const { backend, dialog, user } = await openAddDialog();

    await user.type(within(dialog).getByTestId("conn-name"), "Lab");
    await user.click(within(dialog).getByTestId("conn-location-url"));
    expect(within(dialog).queryByTestId("conn-region")).not.toBeInTheDocument();
    await user.type(within(dialog).getByTestId("conn-base-url"), "http://127.0.0.1:47001");
    await user.type(within(dialog).getByTestId("conn-client-id"), "lab-client");
    await user.click(within(dialog).getByTestId("conn-save"));

    await waitFor(() => expect(backend.callsTo("save_connection")).toHaveLength(1));
    expect(backend.callsTo("save_connection")[0]).toMatchObject({
      input: { region: null, baseUrl: "http://127.0.0.1:47001", grant: "pkce", clientSecret: null },
    });
  });

  it("shows the backend's error in the dialog and stays open", async () => {
    const { backend, dialog, user } = await openAddDialog();
    backend.failNext("save_connection", "KeyringUnavailable", "The system keyring is locked.");

    await user.type(within(dialog).getByTestId("conn-name"), "Prod");
    await user.click(within(dialog).getByTestId("conn-location-url"));
    await user.type(within(dialog).getByTestId("conn-base-url"), "https://api.example.test");
    await user.type(within(dialog).getByTestId("conn-client-id"), "c");
    await user.click(within(dialog).getByTestId("conn-save"));

    const error = await within(dialog).findByTestId("conn-error");
    expect(error).toHaveTextContent("The system keyring is locked.");
    expect(error).toHaveTextContent("KeyringUnavailable");
    expect(screen.getByRole("dialog", { name: "Add connection" })).toBeInTheDocument();
  });
});

describe("Edit connection dialog", () => {
  it("starts from the saved values and keeps the stored secret when left blank", async () => {
    const backend = installFakeBackend();
    const { user } = renderWithProviders(<ConnectionsScreen />);
    await screen.findAllByTestId("connection-row");
    const row = document.querySelector<HTMLElement>('[data-connection-name="Dublin Production"]');
    await user.click(within(row!).getByTestId("connection-edit"));

    const dialog = await screen.findByRole("dialog", { name: "Edit connection" });
    expect(within(dialog).getByTestId("conn-name")).toHaveValue("Dublin Production");
    expect(within(dialog).getByTestId("conn-grant-client-credentials")).toBeChecked();
    expect(within(dialog).getByText("Leave blank to keep the stored secret.")).toBeInTheDocument();
    await user.clear(within(dialog).getByTestId("conn-name"));
    await user.type(within(dialog).getByTestId("conn-name"), "Dublin Prod");
    await user.click(within(dialog).getByTestId("conn-save"));

    await waitFor(() => expect(backend.callsTo("save_connection")).toHaveLength(1));
    expect(backend.callsTo("save_connection")[0]).toMatchObject({
      input: { id: "dublin", name: "Dublin Prod", region: "eu_west_1", clientSecret: null },
    });
  });
});
