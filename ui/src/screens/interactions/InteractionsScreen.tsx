/*
 * The Interactions list: a saved view (filters, columns, sort) over a result set the core
 * holds and arranges; the UI only ever holds the rows on screen.
 *
 * data-testid attributes for end-to-end tests:
 *   interactions-screen            the screen
 *   interactions-table             the grid (role="grid"; also the scroll container)
 *   interactions-row               a loaded row, with data-row-id = the conversation id
 *   interactions-row-placeholder   a row whose data has not arrived yet
 *   column-header-<columnId>       a column header (aria-sort)
 *   interactions-count             "12,345 interactions"
 *   load-status                    what the load is doing; data-status = the LoadEvent kind
 *   load-cancel / load-refresh / load-retry / load-error
 *   view-picker                    the view menu trigger; view-option-<viewId> its items
 *   view-save / view-save-as / view-modified / view-rename / view-duplicate / view-delete
 *   view-name-input / view-name-submit / view-delete-confirm   in the view dialogs
 *   column-chooser                 the Columns button; column-toggle-<columnId> its boxes
 *   filter-period / filter-channel / filter-direction / filter-queue / filter-agent /
 *   filter-wrap-up / filter-state / filter-reason / filter-csat / filter-search
 *   filter-chip-<key> / filter-clear
 *   export-csv / export-notice
 *   interaction-panel / interaction-panel-id / interaction-panel-copy   the opened row
 *   row-play                       a voice row's play button (by its id)
 *   inline-player / inline-player-close   the compact player docked under the table
 *   recording-player and player-*  the player itself (components/player/RecordingPlayer.tsx)
 *   interactions-empty             the "nothing here" message with what to do
 */
import { CircleUser, LayoutList } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { Button } from "../../components/primitives/Button";
import { EmptyState } from "../../components/primitives/EmptyState";
import { ErrorNotice } from "../../components/primitives/ErrorNotice";
import { Spinner } from "../../components/primitives/Spinner";
import {
  useDeleteView,
  useDuplicateView,
  useFilterOptions,
  useSaveView,
  useViews,
} from "../../data/interactions";
import { useSession } from "../../data/session";
import type { InteractionRow, SavedView, SortSpec } from "../../ipc";
import { ColumnChooser } from "./ColumnChooser";
import { DockedPlayer } from "./DockedPlayer";
import { EmptyResult } from "./EmptyResult";
import { ExportButton } from "./ExportButton";
import { FilterBar } from "./FilterBar";
import { InteractionsTable } from "./InteractionsTable";
import { RowPanel } from "./RowPanel";
import { StatusLine, isLoading } from "./StatusLine";
import { useInteractionsResult } from "./useInteractionsResult";
import {
  defaultDraft,
  draftKey,
  draftOf,
  readLastViewId,
  writeLastViewId,
  type ViewDraft,
} from "./viewState";
import { ViewPicker } from "./ViewPicker";
import "../screens.css";
import "./interactions.css";

/** How long typing pauses before the search is applied. */
export const SEARCH_DEBOUNCE_MS = 150;

export interface InteractionsScreenProps {
  onOpenConnections: () => void;
  /** Enter or double-click on a row; without it, a side panel shows the row's fields. */
  onOpenInteraction?: (row: InteractionRow) => void;
}

export function InteractionsScreen({
  onOpenConnections,
  onOpenInteraction,
}: InteractionsScreenProps) {
  const session = useSession();
  const connectionId = session.data?.connectionId ?? null;
  return (
    <div className="screen screen--fill interactions-screen" data-testid="interactions-screen">
      {session.isPending ? <Spinner label="Loading session" /> : null}
      {session.error ? (
        <ErrorNotice error={session.error} title="Could not read the session" />
      ) : null}
      {session.data === null ? (
        <EmptyState
          icon={<CircleUser size={28} />}
          title="Sign in to see interactions"
          action={
            <Button variant="secondary" onClick={onOpenConnections}>
              Manage connections
            </Button>
          }
        >
          Interactions come from your organization: sign in from the header first, or choose another
          connection.
        </EmptyState>
      ) : null}
      {connectionId !== null ? (
        // Views, filters and results belong to one organization: start afresh on a switch.
        <Workspace
          key={connectionId}
          connectionId={connectionId}
          onOpenInteraction={onOpenInteraction}
        />
      ) : null}
    </div>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface WorkspaceProps {
  connectionId: string;
  onOpenInteraction: ((row: InteractionRow) => void) | undefined;
}

function Workspace({ connectionId, onOpenInteraction }: WorkspaceProps) {
  const views = useViews(connectionId);
  const options = useFilterOptions(connectionId);
  const save = useSaveView(connectionId);
  const duplicate = useDuplicateView(connectionId);
  const remove = useDeleteView(connectionId);

  const [chosenId, setChosenId] = useState(() => readLastViewId(connectionId));
  const list = useMemo(() => views.data ?? [], [views.data]);
  const current = list.find((v) => v.id === chosenId) ?? list[0] ?? null;
  const saved = useMemo(() => (current ? draftOf(current) : defaultDraft()), [current]);
  // Edits to the current view, until saved or another view is chosen.
  const [edited, setEdited] = useState<{ viewId: string; draft: ViewDraft } | null>(null);
  const draft = edited && edited.viewId === current?.id ? edited.draft : saved;
  const modified = current !== null && draftKey(draft) !== draftKey(saved);

  const [opened, setOpened] = useState<InteractionRow | null>(null);
  // The call whose recording plays in the compact player under the table.
  const [docked, setDocked] = useState<InteractionRow | null>(null);
  const text = useDebounced(draft.filters.text, SEARCH_DEBOUNCE_MS);
  const viewportFirst = useRef(0);
  const result = useInteractionsResult({
    viewportFirst,
    filters: draft.filters,
    sort: draft.sort,
    text,
    enabled: current !== null,
  });

  const change = (next: ViewDraft) => {
    if (current) setEdited({ viewId: current.id, draft: next });
  };
  // Applied when the sorted rows arrive, so it starts from the draft as it is then.
  const changeSort = (sort: SortSpec) => {
    if (!current) return;
    const viewId = current.id;
    setEdited((e) => ({ viewId, draft: { ...(e?.viewId === viewId ? e.draft : saved), sort } }));
  };
  const choose = (view: SavedView) => {
    setChosenId(view.id);
    setEdited(null);
    setOpened(null);
    writeLastViewId(connectionId, view.id);
  };
  const input = (view: SavedView | null, name: string, from: ViewDraft) => ({
    id: view?.id ?? null,
    name,
    filters: from.filters,
    columns: from.columns,
    sort: from.sort,
  });
  const openRow = useCallback(
    (row: InteractionRow) => {
      if (onOpenInteraction) return onOpenInteraction(row);
      // The panel has its own player for this call; two would play over each other.
      setDocked((d) => (d?.id === row.id ? null : d));
      setOpened(row);
    },
    [onOpenInteraction],
  );
  const playRow = useCallback((row: InteractionRow) => {
    setDocked(row);
    setOpened((o) => (o?.id === row.id ? null : o));
  }, []);
  const closePanel = useCallback(() => setOpened(null), []);

  if (views.isPending) return <Spinner label="Loading views" />;
  if (views.error)
    return <ErrorNotice error={views.error} title="Could not load the saved views" />;
  if (!current) {
    return (
      <EmptyState
        icon={<LayoutList size={28} />}
        title="No saved views yet"
        action={
          <Button
            variant="primary"
            busy={save.isPending}
            onClick={() => save.mutate(input(null, "Today", defaultDraft()), { onSuccess: choose })}
            data-testid="view-create-first"
          >
            Create a view of today
          </Button>
        }
      >
        A view keeps a period, filters, columns and sort. Start with today&apos;s interactions and
        adjust from there.
      </EmptyState>
    );
  }

  const { filters } = draft;
  const settled = !isLoading(result.status) && result.status.kind !== "failed";
  const empty = settled && result.count === 0;

  return (
    <>
      <header className="interactions-toolbar">
        <h1 className="interactions-toolbar__title">Interactions</h1>
        <ViewPicker
          views={list}
          current={current}
          modified={modified}
          saving={save.isPending}
          onSelect={(id) => {
            const view = list.find((v) => v.id === id);
            if (view) choose(view);
          }}
          onSave={() => save.mutate(input(current, current.name, draft))}
          onSaveAs={(name) => save.mutateAsync(input(null, name, draft)).then(choose)}
          onRename={(name) => save.mutateAsync(input(current, name, saved))}
          onDuplicate={() => duplicate.mutate(current.id, { onSuccess: choose })}
          onDelete={() =>
            remove.mutateAsync(current.id).then(() => {
              setChosenId(null);
              setEdited(null);
            })
          }
        />
        <span className="interactions-toolbar__spacer" />
        <ColumnChooser
          columns={draft.columns}
          onChange={(columns) => change({ ...draft, columns })}
        />
        <ExportButton
          resultId={result.resultId}
          count={result.count}
          columns={draft.columns}
          viewName={current.name}
        />
      </header>
      {save.error ? (
        <ErrorNotice compact error={save.error} title="Could not save the view" />
      ) : null}
      {duplicate.error ? (
        <ErrorNotice compact error={duplicate.error} title="Could not duplicate the view" />
      ) : null}
      {options.error ? (
        <ErrorNotice compact error={options.error} title="Could not load queues and agents" />
      ) : null}
      <FilterBar
        filters={filters}
        options={options.data}
        onChange={(next) => change({ ...draft, filters: next })}
      />
      <StatusLine result={result} onCancel={result.cancel} onRefresh={result.refresh} />
      {result.arrangeError ? (
        <ErrorNotice compact error={result.arrangeError} title="Could not sort or search" />
      ) : null}
      <div className="interactions-body">
        {empty ? (
          <EmptyResult
            filters={filters}
            offline={result.status.kind === "offline"}
            onChange={(next) => change({ ...draft, filters: next })}
            onRefresh={result.refresh}
          />
        ) : (
          <InteractionsTable
            resultId={result.resultId}
            revision={result.revision}
            count={result.count}
            columns={draft.columns}
            sort={draft.sort}
            onSort={(sort) => result.sortNow(sort, () => changeSort(sort))}
            onResize={(id, width) =>
              change({
                ...draft,
                columns: draft.columns.map((c) => (c.id === id ? { ...c, width } : c)),
              })
            }
            onOpen={openRow}
            primed={result.primed}
            viewportFirst={viewportFirst}
            onPlay={playRow}
            playingId={docked?.id ?? null}
          />
        )}
        {opened ? <RowPanel row={opened} onClose={closePanel} /> : null}
      </div>
      {docked ? <DockedPlayer row={docked} onClose={() => setDocked(null)} /> : null}
    </>
  );
}
