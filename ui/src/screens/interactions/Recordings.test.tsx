import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";

import { installFakeBackend } from "../../test/fakeBackend";
import { fakeRow, fakeRowId } from "../../test/fakeInteractions";
import { stubLayout } from "../../test/layout";
import { renderWithProviders } from "../../test/render";
import { InteractionsScreen } from "./InteractionsScreen";
import { ROW_HEIGHT } from "./InteractionsTable";

stubLayout(1200, ROW_HEIGHT * 20);

beforeEach(() => localStorage.clear());

function renderScreen() {
  const backend = installFakeBackend();
  const rendered = renderWithProviders(<InteractionsScreen onOpenConnections={() => {}} />);
  return { backend, ...rendered };
}

const rows = () => screen.queryAllByTestId("interactions-row");
const rowById = (id: string) => rows().find((r) => r.dataset.rowId === id)!;

describe("recordings in the Interactions list", () => {
  it("offers inline play only on voice rows", async () => {
    renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(10));
    for (const row of rows()) {
      const fake = fakeRow(Number(row.dataset.rowId!.slice(-12)));
      const recorded = fake.channel === "voice" && fake.state === "answered";
      expect(within(row).queryByTestId("row-play") !== null).toBe(recorded);
    }
    expect(within(rowById(fakeRowId(8))).getByTestId("row-play")).toBeInTheDocument();
    expect(within(rowById(fakeRowId(1))).queryByTestId("row-play")).not.toBeInTheDocument();
  });

  it("plays a row's recording in a compact player docked under the table", async () => {
    const { backend, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(10));
    await user.click(within(rowById(fakeRowId(8))).getByTestId("row-play"));

    const dock = await screen.findByTestId("inline-player");
    expect(dock).toHaveTextContent(fakeRow(8).customerName!);
    expect(await within(dock).findByTestId("player-waveform")).toBeInTheDocument();
    // Compact: no overview and no transcript.
    expect(within(dock).queryByTestId("player-overview")).not.toBeInTheDocument();
    expect(within(dock).queryByTestId("player-transcript")).not.toBeInTheDocument();
    expect(backend.callsTo("open_recording")[0]).toMatchObject({ conversationId: fakeRowId(8) });
    // It starts playing once the recording is ready.
    await waitFor(() => expect(backend.callsTo("play_recording")).toHaveLength(1));
    // The panel did not open: a single click only selects.
    expect(screen.queryByTestId("interaction-panel")).not.toBeInTheDocument();

    await user.click(within(dock).getByTestId("inline-player-close"));
    expect(screen.queryByTestId("inline-player")).not.toBeInTheDocument();
    await waitFor(() => expect(backend.callsTo("close_recording")).toHaveLength(1));
  });

  it("plays the selected voice row with Space", async () => {
    const { backend, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(10));
    await user.click(rowById(fakeRowId(8)));
    screen.getByTestId("interactions-table").focus();
    await user.keyboard(" ");
    await screen.findByTestId("inline-player");
    expect(backend.callsTo("open_recording")[0]).toMatchObject({ conversationId: fakeRowId(8) });
  });

  it("opens a voice row's panel with the recording and its transcript beside it", async () => {
    const { backend, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(10));
    await user.dblClick(rowById(fakeRowId(8)));

    const panel = await screen.findByTestId("interaction-panel");
    expect(within(panel).getByTestId("recording-player")).toBeInTheDocument();
    expect(await within(panel).findAllByTestId("transcript-phrase")).not.toHaveLength(0);
    expect(within(panel).getByTestId("player-overview")).toBeInTheDocument();
    expect(backend.callsTo("open_recording")[0]).toMatchObject({ conversationId: fakeRowId(8) });
    // Not played until asked.
    expect(backend.callsTo("play_recording")).toHaveLength(0);
  });

  it("opens other rows' panels without a player", async () => {
    const { user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(10));
    await user.dblClick(rowById(fakeRowId(2)));
    const panel = await screen.findByTestId("interaction-panel");
    expect(within(panel).queryByTestId("recording-player")).not.toBeInTheDocument();
  });
});
