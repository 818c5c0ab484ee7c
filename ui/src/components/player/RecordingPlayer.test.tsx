import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { installFakeBackend } from "../../test/fakeBackend";
import { FIRST_BATCH, fakePhrases } from "../../test/fakeRecordings";
import { stubLayout } from "../../test/layout";
import { renderWithProviders } from "../../test/render";
import { laneLayout, placeMarkers } from "./geometry";
import {
  HEIGHT,
  SPAN_MS,
  WIDTH,
  nextFrame,
  renderPlayer,
  renderReady,
  seeks,
  waveform,
  xOf,
} from "./playerTestKit";
import { RecordingPlayer } from "./RecordingPlayer";

stubLayout(WIDTH, HEIGHT);

describe("RecordingPlayer", () => {
  it("shows progress while opening, then the waveform as peaks arrive", async () => {
    const { backend } = renderPlayer({ recordingMode: "manual" });
    const progress = await screen.findByTestId("player-progress");
    expect(progress).toHaveTextContent("Requesting the recording");

    act(() => backend.recording.sendStatus("downloading", 1_200_000, 4_800_000));
    expect(progress).toHaveTextContent("Downloading the recording");
    expect(progress).toHaveTextContent("1.1 MB of 4.6 MB");
    expect(within(progress).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "25");

    act(() => {
      backend.recording.sendStatus("decoding");
      backend.recording.sendOpened();
      backend.recording.sendPeaks(0, FIRST_BATCH);
    });
    // The first screenful is drawn before the rest is decoded; play waits for "ready".
    expect(waveform()).toBeInTheDocument();
    expect(screen.getByTestId("recording-player")).toHaveAttribute("data-stage", "loading");
    expect(screen.getByTestId("player-play")).toBeDisabled();

    act(() => {
      backend.recording.sendPeaks(FIRST_BATCH, 100_000);
      backend.recording.sendReady();
    });
    expect(screen.getByTestId("recording-player")).toHaveAttribute("data-stage", "ready");
    expect(screen.queryByTestId("player-progress")).not.toBeInTheDocument();
    // The core's player exists once it reports the playhead; only then can it play.
    expect(screen.getByTestId("player-play")).toBeDisabled();
    act(() => backend.recording.sendPosition(0, false));
    expect(screen.getByTestId("player-play")).toBeEnabled();
    expect(screen.getByTestId("player-time")).toHaveTextContent("0:00 / 10:00");
  });

  it("is an ARIA slider that says where it is in words", async () => {
    const { backend } = await renderReady();
    const slider = screen.getByRole("slider", { name: "Position in the recording" });
    expect(slider).toHaveAttribute("tabindex", "0");
    expect(slider).toHaveAttribute("aria-valuemin", "0");
    expect(slider).toHaveAttribute("aria-valuemax", "600");
    expect(slider).toHaveAttribute("aria-valuenow", "0");
    expect(slider).toHaveAttribute("aria-valuetext", "0:00 of 10:00");

    act(() => backend.recording.sendPosition(83_400, true));
    expect(slider).toHaveAttribute("aria-valuenow", "83");
    expect(slider).toHaveAttribute("aria-valuetext", "1:23 of 10:00");
    expect(screen.getByTestId("player-time")).toHaveTextContent("1:23 / 10:00");
  });

  it("seeks to a phrase's start when its sentiment marker is clicked", async () => {
    const { backend } = await renderReady();
    const lanes = laneLayout(["customer", "agent"], HEIGHT);
    const markers = placeMarkers(fakePhrases(), lanes, { startMs: 0, spanMs: SPAN_MS }, WIDTH);
    const negative = markers.find((m) => m.tone === "negative")!;

    // A little off the dot's centre still hits it, and seeks to the phrase, not the pixel.
    const at = { clientX: negative.x + 3, clientY: negative.y + 2, pointerId: 1 };
    fireEvent.pointerMove(waveform(), at);
    const tip = screen.getByTestId("player-tooltip");
    expect(tip).toHaveTextContent("Customer · 0:24 · Negative (−0.70)");
    expect(tip).toHaveTextContent(negative.phrase.text);

    fireEvent.pointerDown(waveform(), at);
    fireEvent.pointerUp(waveform(), at);
    await waitFor(() => expect(seeks(backend)).toEqual([negative.phrase.startMs]));
  });

  it("names the event band under the pointer in the band strip", async () => {
    await renderReady();
    fireEvent.pointerMove(waveform(), { clientX: xOf(43_000), clientY: 5, pointerId: 1 });
    expect(screen.getByTestId("player-tooltip")).toHaveTextContent("Silence (0:06)");
    fireEvent.pointerMove(waveform(), { clientX: xOf(43_000), clientY: 150, pointerId: 1 });
    expect(screen.queryByTestId("player-tooltip")).not.toBeInTheDocument();
    expect(screen.getByTestId("player-legend")).toHaveTextContent("Silence");
    expect(screen.getByTestId("player-legend")).toHaveTextContent("Secure pause");
  });

  it("seeks where the waveform is clicked away from a marker", async () => {
    const { backend } = await renderReady();
    // A fraction of a pixel is a fraction of a millisecond: the core takes whole ones.
    const at = { clientX: xOf(60_000) + 0.3, clientY: 150, pointerId: 1 };
    fireEvent.pointerDown(waveform(), at);
    fireEvent.pointerUp(waveform(), at);
    await waitFor(() => expect(seeks(backend)).toEqual([60_036]));
  });

  it("scrubs while dragging, the time following the pointer, and ends the scrub", async () => {
    const { backend } = await renderReady();
    const y = { clientY: 150, pointerId: 1 };
    fireEvent.pointerDown(waveform(), { clientX: xOf(10_000), ...y });
    for (const ms of [20_000, 30_000, 45_000]) {
      fireEvent.pointerMove(waveform(), { clientX: xOf(ms), ...y });
      // The readout moves with the pointer, before the core says anything.
      expect(screen.getByTestId("player-time")).toHaveTextContent(
        `0:${String(ms / 1000).padStart(2, "0")} / 10:00`,
      );
      await nextFrame();
    }
    fireEvent.pointerUp(waveform(), { clientX: xOf(45_000), ...y });

    await waitFor(() =>
      expect(backend.callsTo("scrub_recording").at(-1)).toEqual({
        playerId: "player-1",
        positionMs: null,
      }),
    );
    const positions = backend.callsTo("scrub_recording").map((a) => a.positionMs);
    const grains = positions.slice(0, -1) as number[];
    expect(grains.length).toBeGreaterThanOrEqual(2);
    expect(grains).toEqual([...grains].sort((a, b) => a - b));
    expect(grains.at(-1)).toBe(45_000);
    expect(seeks(backend)).toEqual([]);
  });

  it("plays, pauses, seeks, changes speed and mutes from the keyboard", async () => {
    const { backend, user } = await renderReady();
    waveform().focus();

    await user.keyboard(" ");
    await waitFor(() => expect(backend.callsTo("play_recording")).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId("player-play")).toHaveAccessibleName("Pause"));
    await user.keyboard(" ");
    await waitFor(() => expect(backend.callsTo("pause_recording")).toHaveLength(1));
    act(() => backend.recording.sendPosition(60_000, false));

    await user.keyboard("{ArrowRight}");
    await user.keyboard("{ArrowLeft}");
    await user.keyboard("{Home}");
    await user.keyboard("{End}");
    await waitFor(() => expect(seeks(backend)).toEqual([65_000, 60_000, 0, 600_000]));

    await user.keyboard("]");
    await user.keyboard("]");
    await user.keyboard("[[");
    await waitFor(() =>
      expect(backend.callsTo("set_recording_rate").map((a) => a.rate)).toEqual([1.25, 1.5, 1.25]),
    );
    expect(screen.getByTestId("player-speed")).toHaveTextContent("1.25×");

    await user.keyboard("m");
    await user.keyboard("m");
    await waitFor(() =>
      expect(backend.callsTo("set_recording_volume").map((a) => a.volume)).toEqual([0, 1]),
    );
  });

  it("jumps to the next and previous negative moments with N and P", async () => {
    const { backend, user } = await renderReady();
    const negatives = fakePhrases()
      .filter((p) => p.sentiment !== null && p.sentiment <= -0.25)
      .map((p) => p.startMs);
    waveform().focus();
    await user.keyboard("n");
    await user.keyboard("n");
    await user.keyboard("p");
    await user.keyboard("N");
    await user.keyboard("{Shift>}N{/Shift}");
    await waitFor(() =>
      expect(seeks(backend)).toEqual([
        negatives[0],
        negatives[1],
        negatives[0],
        negatives[1],
        negatives[0],
      ]),
    );
  });

  it("highlights the phrase being spoken and seeks to a phrase when clicked", async () => {
    const { backend, user } = await renderReady();
    const phrases = screen.getAllByTestId("transcript-phrase");
    expect(phrases.filter((p) => p.getAttribute("aria-current") === "true")).toHaveLength(0);

    const third = fakePhrases()[2]!;
    act(() => backend.recording.sendPosition(third.startMs + 500, true));
    expect(phrases[2]).toHaveAttribute("aria-current", "true");
    expect(phrases.filter((p) => p.getAttribute("aria-current") === "true")).toHaveLength(1);
    expect(phrases[2]).toHaveTextContent("Customer");
    expect(within(phrases[2]!).getByRole("img")).toHaveAccessibleName("Negative (−0.70)");

    await user.click(phrases[5]!);
    await waitFor(() => expect(seeks(backend)).toEqual([fakePhrases()[5]!.startMs]));
  });

  it("shows the waveform but says so when there is no audio output to play on", async () => {
    const backend = installFakeBackend();
    backend.audioOutput = false;
    renderWithProviders(<RecordingPlayer conversationId="conv-1" />);
    await waitFor(() =>
      expect(screen.getByTestId("recording-player")).toHaveAttribute("data-stage", "ready"),
    );
    expect(screen.getByTestId("player-no-audio")).toHaveTextContent("no audio output");
    expect(screen.getByTestId("player-waveform")).toBeInTheDocument();
    expect(screen.getByTestId("player-play")).toBeDisabled();
  });

  it("says in words why a recording cannot be opened, and retries", async () => {
    const backend = installFakeBackend();
    backend.recordingFailure = { code: "CorruptMedia", message: "symphonia: bad frame" };
    const { user } = renderWithProviders(<RecordingPlayer conversationId="conv-1" />);
    const error = await screen.findByTestId("player-error");
    expect(error).toHaveTextContent("The recording file is damaged, so it cannot be played.");

    await user.click(screen.getByTestId("player-retry"));
    await waitFor(() =>
      expect(screen.getByTestId("recording-player")).toHaveAttribute("data-stage", "ready"),
    );
    expect(backend.callsTo("open_recording")).toHaveLength(2);
    expect(screen.queryByTestId("player-error")).not.toBeInTheDocument();
  });

  it("shows a failed open's sentence, and the core's message for codes it does not know", async () => {
    const backend = installFakeBackend();
    backend.failNext("open_recording", "Network", "connection reset");
    const first = renderWithProviders(<RecordingPlayer conversationId="conv-1" />);
    expect(await screen.findByTestId("player-error")).toHaveTextContent(
      "The recording could not be downloaded.",
    );
    first.unmount();

    backend.recordingFailure = { code: "Strange", message: "The archive is offline." };
    renderWithProviders(<RecordingPlayer conversationId="conv-2" />);
    expect(await screen.findByTestId("player-error")).toHaveTextContent("The archive is offline.");
  });

  it("closes the player when it goes away", async () => {
    const { backend, unmount } = await renderReady();
    unmount();
    await waitFor(() =>
      expect(backend.callsTo("close_recording")).toEqual([{ playerId: "player-1" }]),
    );
  });
});
