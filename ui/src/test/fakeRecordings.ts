// The recordings half of the fake backend: a generated two-channel recording (peaks at 256
// samples per pixel of 8 kHz audio, sent in batches, the first at once), a transcript with
// a few negative phrases, hold and secure-pause bands, and a position clock that advances
// by the rate while playing, the way the core's player reports it.
import type {
  ChannelMix,
  EventBand,
  RecordingDetails,
  RecordingEvent,
  RecordingInfo,
  RecordingPhase,
  TranscriptPhrase,
} from "../ipc";

interface EventChannel {
  onmessage: (event: RecordingEvent) => void;
}

export const FAKE_DURATION_MS = 600_000;
export const FAKE_SAMPLE_RATE = 8000;
export const FAKE_SAMPLES_PER_PIXEL = 256;
/** The first batch: about a screenful of pixels. */
export const FIRST_BATCH = 2048;
const BYTES = 4_800_000;
/** How often the fake clock reports while playing (the core: once a display frame). */
const TICK_MS = 50;

const LINES = [
  "Hi, I'm calling about my last invoice.",
  "Thanks for calling, let me pull up your account.",
  "I was charged twice and nobody has called me back.",
  "I'm sorry about that, I can see both charges here.",
  "This is the third time I've had to call about this.",
  "I'll refund the duplicate right now.",
  "Okay, how long will that take?",
  "It should be on your card within three to five days.",
  "That's great, thank you.",
  "Is there anything else I can help with today?",
];

/** Phrase i starts every 11 s, alternating speakers; a few are clearly negative. */
export function fakePhrases(durationMs = FAKE_DURATION_MS): TranscriptPhrase[] {
  const phrases: TranscriptPhrase[] = [];
  for (let i = 0; 2000 + i * 11_000 < durationMs - 10_000; i++) {
    const negative = i % 10 === 2 || i % 10 === 4;
    phrases.push({
      index: i,
      startMs: 2000 + i * 11_000,
      durationMs: 4000 + ((i * 1700) % 5000),
      speaker: i % 2 === 0 ? "customer" : "agent",
      text: LINES[i % LINES.length]!,
      sentiment: i % 4 === 3 ? null : negative ? -0.7 : i % 10 === 8 ? 0.8 : 0.1,
    });
  }
  return phrases;
}

export function fakeBands(): EventBand[] {
  return [
    { kind: "silence", startMs: 40_000, durationMs: 6000, label: "Silence (0:06)" },
    { kind: "hold", startMs: 120_000, durationMs: 60_000, label: "Hold (1:00)" },
    { kind: "securePause", startMs: 270_000, durationMs: 30_000, label: "Secure pause (0:30)" },
    { kind: "silence", startMs: 400_000, durationMs: 8000, label: "Silence (0:08)" },
    { kind: "transfer", startMs: 480_000, durationMs: 2000, label: "Transfer to Billing" },
    { kind: "monitoring", startMs: 360_000, durationMs: 180_000, label: "Monitored by Sam Lee" },
  ];
}

export function fakeRecordingDetails(): RecordingDetails {
  return { phrases: fakePhrases(), bands: fakeBands() };
}

/** Pixels `from .. from + count`: loud where the channel's speaker talks, quiet elsewhere. */
export function fakePeaks(from: number, count: number): number[] {
  const phrases = fakePhrases();
  const msPerPixel = (FAKE_SAMPLES_PER_PIXEL / FAKE_SAMPLE_RATE) * 1000;
  const data: number[] = [];
  for (let p = from; p < from + count; p++) {
    const t = p * msPerPixel;
    const phrase = phrases[Math.floor((t - 2000) / 11_000)];
    const talking = phrase && t >= phrase.startMs && t < phrase.startMs + phrase.durationMs;
    for (const speaker of ["customer", "agent"]) {
      const amp =
        talking && phrase.speaker === speaker ? 6000 + ((p * 7919) % 18_000) : 150 + (p % 200);
      data.push(-Math.round(amp * 0.9), amp);
    }
  }
  return data;
}

export const fakeRecordingInfo = (conversationId: string): RecordingInfo => ({
  recordingId: `rec-${conversationId}`,
  conversationId,
  durationMs: FAKE_DURATION_MS,
  sampleRate: FAKE_SAMPLE_RATE,
  channels: ["customer", "agent"],
  samplesPerPixel: FAKE_SAMPLES_PER_PIXEL,
  pixelCount: Math.ceil(((FAKE_DURATION_MS / 1000) * FAKE_SAMPLE_RATE) / FAKE_SAMPLES_PER_PIXEL),
});

/** How an open behaves: `instant` plays the whole opening out; `manual` waits for the test. */
export type RecordingMode = "instant" | "manual";

export class FakeRecording {
  readonly info: RecordingInfo;
  positionMs = 0;
  playing = false;
  rate = 1;
  volume = 1;
  mix: ChannelMix = { muted: [false, false], solo: null };
  skipSilence = false;
  closed = false;
  /** Like the core: the player exists (and commands work) from the first position on. */
  playable = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastTick = 0;

  constructor(
    readonly playerId: string,
    readonly conversationId: string,
    private readonly channel: EventChannel,
  ) {
    this.info = fakeRecordingInfo(conversationId);
  }

  send(event: RecordingEvent) {
    if (!this.closed) this.channel.onmessage(event);
  }

  sendStatus(phase: RecordingPhase, received: number | null = null, total: number | null = null) {
    this.send({ kind: "status", phase, received, total });
  }

  sendOpened() {
    this.send({ kind: "opened", info: this.info });
  }

  sendPeaks(from: number, count: number) {
    const n = Math.max(0, Math.min(count, this.info.pixelCount - from));
    this.send({ kind: "peaks", firstPixel: from, data: fakePeaks(from, n) });
  }

  sendReady(playable = true) {
    this.send({
      kind: "ready",
      pixelCount: this.info.pixelCount,
      durationMs: this.info.durationMs,
      playable,
    });
  }

  sendPosition(positionMs = this.positionMs, playing = this.playing) {
    this.playable = true;
    this.positionMs = positionMs;
    this.playing = playing;
    this.send({ kind: "position", positionMs, playing });
  }

  /** The whole opening, as the core does it: status, then peaks in batches, then ready. */
  playOutOpening(failure: { code: string; message: string } | null, audioOutput = true) {
    const steps: (() => void)[] = [() => this.sendStatus("requesting")];
    if (failure) {
      steps.push(() => this.send({ kind: "failed", error: failure }));
    } else {
      steps.push(
        () => this.sendStatus("downloading", BYTES / 2, BYTES),
        () => this.sendStatus("decoding"),
        () => {
          this.sendOpened();
          this.sendPeaks(0, FIRST_BATCH);
        },
      );
      for (let from = FIRST_BATCH; from < this.info.pixelCount; from += 4096) {
        steps.push(() => this.sendPeaks(from, 4096));
      }
      // Without an audio output the core has no player, so no position ever comes.
      steps.push(() => this.sendReady(audioOutput));
      if (audioOutput) steps.push(() => this.sendPosition(0, false));
    }
    const next = () => {
      const step = steps.shift();
      if (!step || this.closed) return;
      step();
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  }

  play() {
    this.playing = true;
    this.lastTick = Date.now();
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
    this.sendPosition();
  }

  pause() {
    this.stopClock();
    this.sendPosition(this.positionMs, false);
  }

  seek(positionMs: number) {
    this.sendPosition(positionMs);
  }

  close() {
    this.stopClock();
    this.closed = true;
  }

  private tick() {
    const now = Date.now();
    const next = this.positionMs + (now - this.lastTick) * this.rate;
    this.lastTick = now;
    if (next >= this.info.durationMs) {
      this.stopClock();
      this.sendPosition(this.info.durationMs, false);
    } else {
      this.sendPosition(next);
    }
  }

  private stopClock() {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.playing = false;
  }
}
