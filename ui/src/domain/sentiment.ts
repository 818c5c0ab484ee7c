// How a sentiment score reads in words and colour. The list and the recording player
// both use these, so a phrase and its conversation never disagree about "negative".

export type SentimentTone = "positive" | "neutral" | "negative";

/** The bands Genesys uses when it colours a sentiment score. */
export function sentimentTone(value: number): SentimentTone {
  if (value >= 0.25) return "positive";
  if (value <= -0.25) return "negative";
  return "neutral";
}

export const SENTIMENT_LABELS: Record<SentimentTone, string> = {
  positive: "Positive",
  neutral: "Neutral",
  negative: "Negative",
};
