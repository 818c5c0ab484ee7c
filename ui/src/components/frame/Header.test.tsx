import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { installFakeBackend } from "../../test/fakeBackend";
import { renderWithProviders } from "../../test/render";
import { Header } from "./Header";

function renderHeader() {
  return renderWithProviders(<Header onOpenConnections={() => undefined} />);
}

describe("Header", () => {
  it("shows the signed-in supervisor and their current presence", async () => {
    installFakeBackend();
    renderHeader();

    expect(await screen.findByTestId("session-user-name")).toHaveTextContent("Dana Whitfield");
    expect(screen.getByTestId("session-user-title")).toHaveTextContent("Contact Center Supervisor");
    expect(screen.getByTestId("presence-trigger")).toHaveTextContent("Available");
    expect(screen.queryByTestId("signed-out")).not.toBeInTheDocument();
  });

  it("sets the chosen presence and shows it in the trigger", async () => {
    const backend = installFakeBackend();
    const { user } = renderHeader();

    await user.click(await screen.findByTestId("presence-trigger"));
    await user.click(await screen.findByTestId("presence-option-Busy"));

    await waitFor(() => expect(screen.getByTestId("presence-trigger")).toHaveTextContent("Busy"));
    expect(backend.callsTo("set_presence")).toEqual([{ definitionId: "p-busy" }]);
  });

  it("shows a presence change that fails, and keeps the old presence", async () => {
    const backend = installFakeBackend();
    backend.failNext("set_presence", "PermissionDenied", "You may not change your presence.");
    const { user } = renderHeader();

    await user.click(await screen.findByTestId("presence-trigger"));
    await user.click(await screen.findByTestId("presence-option-Away"));

    expect(await screen.findByTestId("presence-error")).toHaveTextContent(
      "You may not change your presence.",
    );
    expect(screen.getByTestId("presence-trigger")).toHaveTextContent("Available");
  });

  it("says Signed out and signs in to the active connection", async () => {
    const backend = installFakeBackend({ sessions: {} });
    const { user } = renderHeader();

    expect(await screen.findByTestId("signed-out")).toHaveTextContent("Signed out");
    expect(screen.queryByTestId("session-user-name")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("header-sign-in"));

    expect(await screen.findByTestId("session-user-name")).toHaveTextContent("Dana Whitfield");
    expect(backend.callsTo("sign_in")).toEqual([{ id: "demo", staySignedIn: true }]);
  });

  it("waits for the browser during PKCE sign-in and can cancel it", async () => {
    const backend = installFakeBackend({ sessions: {} });
    backend.browserWaits = true;
    const { user } = renderHeader();

    await user.click(await screen.findByTestId("header-sign-in"));
    const pending = await screen.findByTestId("header-sign-in-pending");
    expect(pending).toHaveTextContent("Waiting for the browser…");
    await user.click(within(pending).getByRole("button", { name: "Cancel" }));

    expect(await screen.findByTestId("header-sign-in")).toBeEnabled();
    expect(backend.callsTo("cancel_sign_in")).toEqual([{ id: "demo" }]);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("switches the active connection, marking the demo one", async () => {
    const backend = installFakeBackend();
    const { user } = renderHeader();

    const switcher = await screen.findByTestId("connection-switcher");
    await waitFor(() => expect(switcher).toHaveTextContent("Demo Contact Center"));
    expect(switcher).toHaveTextContent("Demo");

    await user.click(switcher);
    await user.click(await screen.findByRole("option", { name: "Dublin Production" }));

    expect(await screen.findByTestId("signed-out")).toBeInTheDocument();
    expect(backend.callsTo("set_active_connection")).toEqual([{ id: "dublin" }]);
    await waitFor(() => expect(switcher).toHaveTextContent("Dublin Production"));
  });
});
