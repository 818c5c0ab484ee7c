import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { App } from "./App";
import { installFakeBackend } from "./test/fakeBackend";
import { supervisorSession } from "./test/fixtures";
import { renderWithProviders } from "./test/render";

describe("App", () => {
  it("lands a signed-in supervisor on Interactions and moves between sections", async () => {
    installFakeBackend();
    const { user } = renderWithProviders(<App />);

    expect(screen.getByTestId("app-frame")).toBeInTheDocument();
    expect(await screen.findByTestId("interactions-screen")).toBeInTheDocument();
    expect(screen.getByTestId("nav-interactions")).toHaveAttribute("aria-current", "page");

    await user.click(screen.getByTestId("nav-overview"));
    expect(await screen.findByTestId("overview-screen")).toBeInTheDocument();
    expect(screen.queryByTestId("interactions-screen")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("nav-connections"));
    expect(await screen.findByTestId("connections-screen")).toBeInTheDocument();
    expect(screen.queryByTestId("overview-screen")).not.toBeInTheDocument();
    expect(screen.getByTestId("nav-connections")).toHaveAttribute("aria-current", "page");
  });

  it("keeps a sign-in started on Connections pending in the header after leaving", async () => {
    const backend = installFakeBackend({ sessions: {} });
    backend.browserWaits = true;
    const { user } = renderWithProviders(<App />);

    await user.click(screen.getByTestId("nav-connections"));
    const rows = await screen.findAllByTestId("connection-row");
    const demo = rows.find((row) => row.dataset.connectionName === "Demo Contact Center")!;
    await user.click(within(demo).getByTestId("connection-sign-in"));
    await user.click(screen.getByTestId("nav-overview"));

    expect(await screen.findByTestId("header-sign-in-pending")).toHaveTextContent(
      "Waiting for the browser…",
    );
    expect(screen.queryByTestId("header-sign-in")).not.toBeInTheDocument();
    backend.finishBrowserSignIn("demo");
    expect(await screen.findByTestId("session-user-name")).toHaveTextContent("Dana Whitfield");
    expect(await screen.findByTestId("overview-user-name")).toHaveTextContent("Dana Whitfield");
  });

  it("lands a signed-out supervisor on Overview, which explains how to sign in", async () => {
    installFakeBackend({ sessions: {} });
    renderWithProviders(<App />);
    expect(await screen.findByTestId("overview-screen")).toBeInTheDocument();
    expect(screen.getByTestId("nav-overview")).toHaveAttribute("aria-current", "page");
  });

  it("follows the backend's session-changed event", async () => {
    const backend = installFakeBackend({ sessions: {} });
    renderWithProviders(<App />);
    expect(await screen.findByTestId("signed-out")).toBeInTheDocument();

    // e.g. the demo sign-in at startup finishing in the background
    backend.sessions.set("demo", supervisorSession("demo"));
    await waitFor(async () => {
      await backend.emitSessionChanged(supervisorSession("demo"));
      expect(screen.getByTestId("session-user-name")).toHaveTextContent("Dana Whitfield");
    });

    // e.g. a token refresh failing
    backend.sessions.delete("demo");
    await backend.emitSessionChanged(null);
    expect(await screen.findByTestId("signed-out")).toBeInTheDocument();
  });
});
