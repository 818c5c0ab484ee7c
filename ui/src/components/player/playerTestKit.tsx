// Shared by the player's tests: a player at a known size against the fake backend.
import { act, screen, waitFor } from "@testing-library/react";
import { expect } from "vitest";

import { installFakeBackend, type FakeBackendState } from "../../test/fakeBackend";
import { renderWithProviders } from "../../test/render";
import { RecordingPlayer } from "./RecordingPlayer";

/** The waveform's size in the tests (see stubLayout). */
export const WIDTH = 1000;
export const HEIGHT = 176;
/** The panel opens on the first two minutes: 120 ms per pixel at this width. */
export const SPAN_MS = 120_000;
export const xOf = (ms: number) => (ms / SPAN_MS) * WIDTH;

export function renderPlayer(state: FakeBackendState = {}) {
  const backend = installFakeBackend(state);
  const rendered = renderWithProviders(<RecordingPlayer conversationId="conv-1" />);
  return { backend, ...rendered };
}

export async function renderReady(state: FakeBackendState = {}) {
  const rendered = renderPlayer(state);
  await waitFor(() =>
    expect(screen.getByTestId("recording-player")).toHaveAttribute("data-stage", "ready"),
  );
  await screen.findAllByTestId("transcript-phrase");
  await waitFor(() => expect(screen.getByTestId("player-play")).toBeEnabled());
  return rendered;
}

export const waveform = () => screen.getByTestId("player-waveform");
export const nextFrame = () =>
  act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
export const seeks = (backend: ReturnType<typeof installFakeBackend>) =>
  backend.callsTo("seek_recording").map((a) => a.positionMs);
