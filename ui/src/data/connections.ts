import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import {
  listConnections,
  listRegions,
  removeConnection,
  saveConnection,
  testConnection,
  type ConnectionInput,
} from "../ipc";
import { queryKeys } from "./queryKeys";

export function useRegions() {
  return useQuery({ queryKey: queryKeys.regions, queryFn: listRegions, staleTime: Infinity });
}

export function useConnections() {
  return useQuery({ queryKey: queryKeys.connections, queryFn: listConnections });
}

export function useSaveConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectionInput) => saveConnection(input),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.connections }),
  });
}

export function useRemoveConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => removeConnection(id),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.connections }),
        client.invalidateQueries({ queryKey: queryKeys.session }),
      ]),
  });
}

/** Not cached: each press of Test asks the backend again. */
export function useTestConnection() {
  return useMutation({ mutationFn: (id: string) => testConnection(id) });
}
