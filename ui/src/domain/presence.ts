// Which colour family a presence belongs to. The platform's system presences are
// Available, Away, Busy, Offline, Idle, OnQueue, Meal, Training, Meeting and Break;
// spellings vary (ON_QUEUE, "On Queue"), so compare them normalised.

export type PresenceTone = "available" | "away" | "busy" | "offline" | "onqueue";

const TONES: Record<string, PresenceTone> = {
  available: "available",
  onqueue: "onqueue",
  away: "away",
  idle: "away",
  break: "away",
  meal: "away",
  busy: "busy",
  meeting: "busy",
  training: "busy",
  offline: "offline",
};

export function presenceTone(systemPresence: string | null | undefined): PresenceTone {
  const key = (systemPresence ?? "").toLowerCase().replace(/[\s_-]/g, "");
  return TONES[key] ?? "offline";
}
