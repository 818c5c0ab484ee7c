// The player's keyboard map, as data so it is tested and documented in one place.
//
//   Space        play / pause
//   K            pause
//   L            play; pressed again while playing, one speed faster (as in shuttle
//                controls of video editors); K keeps the speed, [ brings it down
//   J            back 10 s
//   ← / →        back / forward 5 s          PageDown / PageUp   back / forward 30 s
//   Home / End   start / end
//   [ / ]        slower / faster through PLAYBACK_RATES
//   M            mute / unmute
//   N            next negative moment        P or Shift+N        previous negative moment
//   + / -        zoom in / out

export type PlayerAction =
  | { kind: "toggle" }
  | { kind: "pause" }
  | { kind: "playOrFaster" }
  | { kind: "seekBy"; ms: number }
  | { kind: "seekTo"; to: "start" | "end" }
  | { kind: "rate"; step: 1 | -1 }
  | { kind: "mute" }
  | { kind: "negative"; step: 1 | -1 }
  | { kind: "zoom"; step: 1 | -1 };

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function keyAction(e: KeyInput): PlayerAction | null {
  // Ctrl/⌘ combinations belong to the app and the webview (copy, browser zoom, …).
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case " ":
      return { kind: "toggle" };
    case "k":
    case "K":
      return { kind: "pause" };
    case "l":
    case "L":
      return { kind: "playOrFaster" };
    case "j":
    case "J":
      return { kind: "seekBy", ms: -10_000 };
    case "ArrowLeft":
      return { kind: "seekBy", ms: -5000 };
    case "ArrowRight":
      return { kind: "seekBy", ms: 5000 };
    case "PageDown":
      return { kind: "seekBy", ms: -30_000 };
    case "PageUp":
      return { kind: "seekBy", ms: 30_000 };
    case "Home":
      return { kind: "seekTo", to: "start" };
    case "End":
      return { kind: "seekTo", to: "end" };
    case "[":
      return { kind: "rate", step: -1 };
    case "]":
      return { kind: "rate", step: 1 };
    case "m":
    case "M":
      return { kind: "mute" };
    case "n":
      return { kind: "negative", step: 1 };
    case "N":
      return { kind: "negative", step: e.shiftKey ? -1 : 1 };
    case "p":
    case "P":
      return { kind: "negative", step: -1 };
    case "+":
    case "=":
      return { kind: "zoom", step: 1 };
    case "-":
    case "_":
      return { kind: "zoom", step: -1 };
    default:
      return null;
  }
}

/** The rate `step` places away in PLAYBACK_RATES from the nearest to `rate`. */
export function stepRate(rates: readonly number[], rate: number, step: 1 | -1): number {
  let nearest = 0;
  rates.forEach((r, i) => {
    if (Math.abs(r - rate) < Math.abs(rates[nearest]! - rate)) nearest = i;
  });
  return rates[Math.min(rates.length - 1, Math.max(0, nearest + step))]!;
}
