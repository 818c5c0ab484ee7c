import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { listPresenceOptions, setPresence, type Session } from "../ipc";
import { queryKeys } from "./queryKeys";

/** The organization's presence definitions; only a person's session has them. */
export function usePresenceOptions(session: Session | null | undefined) {
  const connectionId = session?.kind === "user" ? session.connectionId : null;
  return useQuery({
    queryKey: queryKeys.presenceOptions(connectionId ?? ""),
    queryFn: listPresenceOptions,
    enabled: connectionId !== null,
    staleTime: 5 * 60_000,
  });
}

export function useSetPresence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (definitionId: string) => setPresence(definitionId),
    onSuccess: (presence) => {
      client.setQueryData<Session | null>(queryKeys.session, (session) =>
        session ? { ...session, presence } : session,
      );
    },
  });
}
