import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { installFakeBackend } from "../../test/fakeBackend";
import { renderWithProviders } from "../../test/render";
import { ConnectionsScreen } from "./ConnectionsScreen";

async function findRow(name: string) {
  await screen.findAllByTestId("connection-row");
  const row = document.querySelector<HTMLElement>(`[data-connection-name="${name}"]`);
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

describe("ConnectionsScreen", () => {
  it("lists connections with location, grant, status and the demo badge", async () => {
    installFakeBackend();
    renderWithProviders(<ConnectionsScreen />);

    const demo = await findRow("Demo Contact Center");
    const dublin = await findRow("Dublin Production");
    expect(within(demo).getByTestId("connection-status")).toHaveTextContent("Signed in");
    expect(within(demo).getByText("Demo")).toBeInTheDocument();
    expect(within(dublin).getByTestId("connection-status")).toHaveTextContent("Signed out");
    expect(within(dublin).queryByText("Demo")).not.toBeInTheDocument();
    await waitFor(() => expect(dublin).toHaveTextContent("EMEA (Dublin)"));
    expect(dublin).toHaveTextContent("Service");
    expect(demo).toHaveTextContent("Automatic");
    expect(demo).toHaveTextContent("Built in, on this computer");
  });

  it("offers no edit or remove on the demo connection", async () => {
    installFakeBackend();
    renderWithProviders(<ConnectionsScreen />);

    const demo = await findRow("Demo Contact Center");
    expect(within(demo).queryByTestId("connection-remove")).not.toBeInTheDocument();
    expect(within(demo).queryByTestId("connection-edit")).not.toBeInTheDocument();
    expect(within(demo).getByTestId("connection-sign-out")).toBeInTheDocument();
    const dublin = await findRow("Dublin Production");
    expect(within(dublin).getByTestId("connection-remove")).toBeInTheDocument();
    expect(within(dublin).getByTestId("connection-edit")).toBeInTheDocument();
  });

  it("removes a connection only after confirmation", async () => {
    const backend = installFakeBackend();
    const { user } = renderWithProviders(<ConnectionsScreen />);

    await user.click(within(await findRow("Dublin Production")).getByTestId("connection-remove"));
    const dialog = await screen.findByRole("dialog", { name: "Remove connection?" });
    expect(dialog).toHaveTextContent("Dublin Production");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.callsTo("remove_connection")).toEqual([]);

    await user.click(within(await findRow("Dublin Production")).getByTestId("connection-remove"));
    await user.click(await screen.findByTestId("connection-remove-confirm"));

    await waitFor(() => expect(screen.getAllByTestId("connection-row")).toHaveLength(1));
    expect(backend.callsTo("remove_connection")).toEqual([{ id: "dublin" }]);
  });

  it("shows a test's latency, or its error", async () => {
    const backend = installFakeBackend();
    backend.testResults.set("demo", { latencyMs: 87.4, message: "Organization reachable" });
    backend.testResults.set("dublin", {
      code: "Network",
      message: "Could not reach api.mypurecloud.ie.",
    });
    const { user } = renderWithProviders(<ConnectionsScreen />);

    const demo = await findRow("Demo Contact Center");
    await user.click(within(demo).getByTestId("connection-test"));
    expect(await within(demo).findByTestId("connection-test-result")).toHaveTextContent(
      "Reachable in 87 ms",
    );

    const dublin = await findRow("Dublin Production");
    await user.click(within(dublin).getByTestId("connection-test"));
    const failed = await within(dublin).findByTestId("connection-test-result");
    expect(failed).toHaveTextContent("Could not reach api.mypurecloud.ie.");
    expect(failed).toHaveTextContent("Network");
  });

  it("signs in with the row's Stay signed in choice", async () => {
    const backend = installFakeBackend();
    const { user } = renderWithProviders(<ConnectionsScreen />);

    const dublin = await findRow("Dublin Production");
    await user.click(within(dublin).getByTestId("conn-stay-signed-in"));
    await user.click(within(dublin).getByTestId("connection-sign-in"));

    await waitFor(() =>
      expect(within(dublin).getByTestId("connection-status")).toHaveTextContent("Signed in"),
    );
    expect(backend.callsTo("sign_in")).toEqual([{ id: "dublin", staySignedIn: true }]);
  });

  it("waits for the browser during PKCE sign-in, then shows Signed in", async () => {
    const backend = installFakeBackend({ sessions: {} });
    backend.browserWaits = true;
    const { user } = renderWithProviders(<ConnectionsScreen />);

    const demo = await findRow("Demo Contact Center");
    await user.click(within(demo).getByTestId("connection-sign-in"));
    const pending = await within(demo).findByTestId("sign-in-pending");
    expect(pending).toHaveTextContent("Waiting for the browser…");
    expect(within(pending).getByTestId("sign-in-cancel")).toBeInTheDocument();

    backend.finishBrowserSignIn("demo");
    await waitFor(() =>
      expect(within(demo).getByTestId("connection-status")).toHaveTextContent("Signed in"),
    );
    expect(within(demo).queryByTestId("sign-in-pending")).not.toBeInTheDocument();
  });

  it("shows why a sign-in failed", async () => {
    const backend = installFakeBackend();
    backend.failNext("sign_in", "AuthFailed", "The client secret was rejected.");
    const { user } = renderWithProviders(<ConnectionsScreen />);

    const dublin = await findRow("Dublin Production");
    await user.click(within(dublin).getByTestId("connection-sign-in"));

    const alert = await within(dublin).findByRole("alert");
    expect(alert).toHaveTextContent("The client secret was rejected.");
    expect(alert).toHaveTextContent("AuthFailed");
  });
});
