import { useQuery } from "@tanstack/react-query";

import { recordingDetails, type RecordingDetails } from "../ipc";
import { queryKeys } from "./queryKeys";

/** Phrases in time order: the player's lookups (current phrase, next negative) rely on it. */
function inOrder(details: RecordingDetails): RecordingDetails {
  return { ...details, phrases: [...details.phrases].sort((a, b) => a.startMs - b.startMs) };
}

/** The transcript and event bands of a conversation's recording; they do not change. */
export function useRecordingDetails(conversationId: string) {
  return useQuery({
    queryKey: queryKeys.recordingDetails(conversationId),
    queryFn: () => recordingDetails(conversationId),
    select: inOrder,
    staleTime: Infinity,
  });
}
