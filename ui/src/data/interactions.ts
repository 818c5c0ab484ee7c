import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import {
  deleteView,
  duplicateView,
  exportInteractions,
  getFilterOptions,
  listViews,
  saveView,
  type ColumnId,
  type SavedView,
  type SavedViewInput,
} from "../ipc";
import { queryKeys } from "./queryKeys";

/** The active connection's saved views; null `connectionId` (signed out) reads nothing. */
export function useViews(connectionId: string | null) {
  return useQuery({
    queryKey: queryKeys.views(connectionId ?? ""),
    queryFn: listViews,
    enabled: connectionId !== null,
  });
}

export function useFilterOptions(connectionId: string | null) {
  return useQuery({
    queryKey: queryKeys.filterOptions(connectionId ?? ""),
    queryFn: getFilterOptions,
    enabled: connectionId !== null,
    // Queues, agents and wrap-up codes change rarely; a few minutes old is fine.
    staleTime: 5 * 60_000,
  });
}

/** Puts a saved view into the cached list at once, so the picker never shows the old one. */
function upsert(list: SavedView[] | undefined, view: SavedView): SavedView[] {
  const views = list ?? [];
  return views.some((v) => v.id === view.id)
    ? views.map((v) => (v.id === view.id ? view : v))
    : [...views, view];
}

export function useSaveView(connectionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SavedViewInput) => saveView(input),
    onSuccess: (view) =>
      client.setQueryData<SavedView[]>(queryKeys.views(connectionId), (list) => upsert(list, view)),
  });
}

export function useDuplicateView(connectionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => duplicateView(id),
    onSuccess: (view) =>
      client.setQueryData<SavedView[]>(queryKeys.views(connectionId), (list) => upsert(list, view)),
  });
}

export function useDeleteView(connectionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteView(id),
    onSuccess: (_, id) =>
      client.setQueryData<SavedView[]>(queryKeys.views(connectionId), (list) =>
        (list ?? []).filter((v) => v.id !== id),
      ),
  });
}

export interface ExportRequest {
  resultId: string;
  columns: ColumnId[];
  name: string;
}

export function useExportInteractions() {
  return useMutation({
    mutationFn: ({ resultId, columns, name }: ExportRequest) =>
      exportInteractions(resultId, columns, name),
  });
}
