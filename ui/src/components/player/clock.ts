// The playhead's position. The core is the clock: `position` events arrive at display
// rate and are kept here, outside React state, so only what shows the position (the
// playhead line, the time, the current phrase) hears of them. While the pointer scrubs,
// or just after a seek, the UI's own position wins so the playhead follows at once.
import { useCallback, useSyncExternalStore } from "react";

export interface ClockState {
  positionMs: number;
  playing: boolean;
}

export class PositionClock {
  private state: ClockState = { positionMs: 0, playing: false };
  private listeners = new Set<() => void>();
  private scrubbing = false;

  get = (): ClockState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A `position` event; ignored while the pointer scrubs, which then owns the playhead. */
  fromCore(positionMs: number, playing: boolean): void {
    if (this.scrubbing) return;
    this.set({ positionMs, playing });
  }

  /** Moves the playhead before the core confirms (a seek, a scrub step). */
  moveTo(positionMs: number): void {
    this.set({ ...this.state, positionMs });
  }

  setScrubbing(scrubbing: boolean): void {
    this.scrubbing = scrubbing;
  }

  private set(next: ClockState): void {
    if (next.positionMs === this.state.positionMs && next.playing === this.state.playing) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/** Re-renders only when `select` of the clock's state changes (e.g. whole seconds). */
export function useClock<T>(clock: PositionClock, select: (state: ClockState) => T): T {
  const read = useCallback(() => select(clock.get()), [clock, select]);
  return useSyncExternalStore(clock.subscribe, read, read);
}
