import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { installFakeBackend } from "../../test/fakeBackend";
import { serviceSession } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { OverviewScreen } from "./OverviewScreen";

function renderOverview() {
  return renderWithProviders(<OverviewScreen onOpenConnections={() => undefined} />);
}

describe("OverviewScreen", () => {
  it("shows the supervisor's profile, presence and connection", async () => {
    installFakeBackend();
    renderOverview();

    expect(await screen.findByTestId("overview-user-name")).toHaveTextContent("Dana Whitfield");
    expect(screen.getByTestId("overview-presence")).toHaveTextContent("Available");
    const screenEl = screen.getByTestId("overview-screen");
    expect(screenEl).toHaveTextContent("dana.whitfield@demo.example");
    expect(screenEl).toHaveTextContent("Customer Care");
    const connection = await screen.findByRole("region", { name: "Connection" });
    expect(connection).toHaveTextContent("Demo Contact Center");
  });

  it("marks each supervision permission granted or missing", async () => {
    installFakeBackend();
    renderOverview();

    const monitor = await screen.findByTestId("permission-monitor");
    expect(monitor).toHaveTextContent("Granted");
    // analytics:*:* covers both analytics permissions.
    expect(screen.getByTestId("permission-queue-analytics")).toHaveTextContent("Granted");
    expect(screen.getByTestId("permission-recordings")).toHaveTextContent("Missing");
  });

  it("says so when signed out", async () => {
    installFakeBackend({ sessions: {} });
    renderOverview();

    expect(await screen.findByText("You are signed out")).toBeInTheDocument();
    expect(screen.queryByTestId("overview-user-name")).not.toBeInTheDocument();
  });

  it("explains a service session has no person", async () => {
    installFakeBackend({ sessions: { demo: serviceSession("demo") } });
    renderOverview();

    const card = await screen.findByRole("region", { name: "Signed in as a service" });
    expect(within(card).getByText("Dublin Production Org")).toBeInTheDocument();
    expect(screen.queryByTestId("overview-presence")).not.toBeInTheDocument();
  });
});
