// Zoom, scroll, follow, J/K/L and the controls row. The zoomed window is internal, so
// these tests read it the way a user does: by where a click on the waveform seeks to.
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { stubLayout } from "../../test/layout";
import { HEIGHT, WIDTH, renderReady, seeks, waveform } from "./playerTestKit";

stubLayout(WIDTH, HEIGHT);

/** Clicks the waveform at `x` (in the agent lane, away from the markers). */
function clickAt(x: number) {
  const at = { clientX: x, clientY: 150, pointerId: 1 };
  fireEvent.pointerDown(waveform(), at);
  fireEvent.pointerUp(waveform(), at);
}

describe("the zoomed view", () => {
  it("pages to follow the playhead while playing", async () => {
    const { backend } = await renderReady();
    expect(screen.getByTestId("player-follow")).toHaveAttribute("aria-pressed", "true");
    act(() => backend.recording.sendPosition(130_000, true));
    clickAt(0);
    // A page leaves 5% of the window (6 s of 2 min) before the playhead.
    await waitFor(() => expect(seeks(backend)).toEqual([124_000]));
  });

  it("scrolls in time with the wheel, which stops following until the next play", async () => {
    const { backend, user } = await renderReady();
    fireEvent.wheel(waveform(), { deltaY: 100 });
    expect(screen.getByTestId("player-follow")).toHaveAttribute("aria-pressed", "false");
    act(() => backend.recording.sendPosition(300_000, true));
    clickAt(0);
    // 100 px at 120 ms a pixel; the playhead far ahead did not move the window.
    await waitFor(() => expect(seeks(backend)).toEqual([12_000]));

    act(() => backend.recording.sendPosition(300_000, false));
    await user.click(screen.getByTestId("player-play"));
    expect(screen.getByTestId("player-follow")).toHaveAttribute("aria-pressed", "true");
  });

  it("zooms around the pointer with Ctrl+wheel or a pinch", async () => {
    const { backend } = await renderReady();
    // The pointer at the middle (1:00); zooming in by 2 keeps 1:00 under it.
    fireEvent.wheel(waveform(), { deltaY: -100, ctrlKey: true, clientX: 500 });
    clickAt(0);
    await waitFor(() => expect(seeks(backend)).toEqual([30_000]));
    expect(screen.getByTestId("player-follow")).toHaveAttribute("aria-pressed", "true");
  });

  it("zooms with + and - and the zoom buttons", async () => {
    const { backend, user } = await renderReady();
    waveform().focus();
    await user.keyboard("+");
    clickAt(WIDTH);
    await user.click(screen.getByTestId("player-zoom-out"));
    await user.click(screen.getByTestId("player-zoom-out"));
    clickAt(WIDTH);
    await waitFor(() => expect(seeks(backend)).toEqual([60_000, 240_000]));
  });
});

describe("keys and controls", () => {
  it("uses J back 10 s, K pause, L play and L again faster", async () => {
    const { backend, user } = await renderReady();
    act(() => backend.recording.sendPosition(50_000, false));
    waveform().focus();
    await user.keyboard("j");
    await waitFor(() => expect(seeks(backend)).toEqual([40_000]));
    await user.keyboard("l");
    await waitFor(() => expect(backend.callsTo("play_recording")).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId("player-play")).toHaveAccessibleName("Pause"));
    await user.keyboard("l");
    await waitFor(() =>
      expect(backend.callsTo("set_recording_rate").map((a) => a.rate)).toEqual([1.25]),
    );
    await user.keyboard("k");
    await waitFor(() => expect(backend.callsTo("pause_recording")).toHaveLength(1));
  });

  it("sends per-channel mute and solo, skip silence, speed and volume", async () => {
    const { backend, user } = await renderReady();
    await user.click(screen.getByTestId("player-mute-agent"));
    await user.click(screen.getByTestId("player-solo-customer"));
    await user.click(screen.getByTestId("player-solo-customer"));
    await waitFor(() =>
      expect(backend.callsTo("set_recording_channels").map((a) => a.mix)).toEqual([
        { muted: [false, true], solo: null },
        { muted: [false, true], solo: 0 },
        { muted: [false, true], solo: null },
      ]),
    );
    expect(screen.getByTestId("player-mute-agent")).toHaveAttribute("aria-pressed", "true");

    await user.click(screen.getByTestId("player-skip-silence"));
    expect(screen.getByTestId("player-skip-silence")).toHaveAttribute("aria-pressed", "true");
    await waitFor(() => expect(backend.recording.skipSilence).toBe(true));

    await user.click(screen.getByTestId("player-speed"));
    await user.click(await screen.findByTestId("player-speed-2"));
    await waitFor(() => expect(backend.recording.rate).toBe(2));
    expect(screen.getByTestId("player-speed")).toHaveTextContent("2×");

    fireEvent.change(screen.getByTestId("player-volume"), { target: { value: "40" } });
    await waitFor(() => expect(backend.recording.volume).toBe(0.4));
  });
});
