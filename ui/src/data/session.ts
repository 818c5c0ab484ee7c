import {
  useMutation,
  useMutationState,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import { useEffect } from "react";

import {
  cancelSignIn,
  getSession,
  onSessionChanged,
  setActiveConnection,
  signIn,
  signOut,
  type Session,
} from "../ipc";
import { queryKeys } from "./queryKeys";

function refreshAfterSessionChange(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.connections }),
    client.invalidateQueries({ queryKey: queryKeys.session }),
  ]);
}

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: getSession });
}

/** Keeps the cached session in step with the backend's `session-changed` event. */
export function useSessionEvents() {
  const client = useQueryClient();
  useEffect(
    () =>
      onSessionChanged((session: Session | null) => {
        client.setQueryData(queryKeys.session, session);
        void client.invalidateQueries({ queryKey: queryKeys.connections });
        void client.invalidateQueries({ queryKey: queryKeys.presenceOptionsAll });
      }),
    [client],
  );
}

export interface SignInRequest {
  id: string;
  staySignedIn: boolean;
}

const signInKey = ["sign-in"] as const;

/** Connection ids with a sign-in under way, wherever in the UI it was started. */
export function usePendingSignIns(): string[] {
  return useMutationState({
    filters: { mutationKey: signInKey, status: "pending" },
    select: (mutation) => (mutation.state.variables as SignInRequest | undefined)?.id ?? "",
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: signInKey,
    mutationFn: ({ id, staySignedIn }: SignInRequest) => signIn(id, staySignedIn),
    onSettled: () => refreshAfterSessionChange(client),
  });
}

export function useCancelSignIn() {
  return useMutation({ mutationFn: (id: string) => cancelSignIn(id) });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => signOut(id),
    onSettled: () => refreshAfterSessionChange(client),
  });
}

export function useSetActiveConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => setActiveConnection(id),
    onSuccess: (session) => {
      client.setQueryData(queryKeys.session, session);
      return client.invalidateQueries({ queryKey: queryKeys.connections });
    },
  });
}
