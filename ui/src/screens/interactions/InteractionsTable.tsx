// The virtualized Interactions grid: only the rows in view (plus overscan), and in them only
// the columns in view, are in the DOM, their data fetched by block from the core. One tab
// stop; arrows, Page Up/Down and Home/End move the selection, Enter or a double-click opens
// the row, and Space (or the play button by its id) plays a voice row's recording under
// the table.
import { useVirtualizer } from "@tanstack/react-virtual";
import { AudioLines, Play } from "lucide-react";
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";

import type { ColumnId, InteractionRow, SortSpec, ViewColumn } from "../../ipc";
import { cellContent, useNow } from "./cells";
import { ColumnHeader } from "./ColumnHeader";
import { COLUMN_DEFS, ID_COLUMN, hasRecording } from "./columns";
import { markRowsRendered } from "./timings";
import type { PrimedRows } from "./useInteractionsResult";
import { useResultWindow } from "./useResultWindow";
import { useHorizontalView, visibleColumns } from "./useVisibleColumns";

export const ROW_HEIGHT = 36;
export const HEADER_HEIGHT = 36;
// Rows drawn beyond the visible ones on each side: enough for a wheel step, few enough
// that redrawing after a sort stays quick (every drawn row is redrawn).
const OVERSCAN = 5;

export interface InteractionsTableProps {
  resultId: string | null;
  revision: number;
  count: number;
  columns: ViewColumn[];
  sort: SortSpec;
  onSort: (sort: SortSpec) => void;
  onResize: (column: ColumnId, width: number) => void;
  /** Enter or double-click on a loaded row. */
  onOpen: (row: InteractionRow) => void;
  /** Rows that came with the last arrange. */
  primed?: PrimedRows | null;
  /** Told the first row on screen, so an arrange can bring those rows along. */
  viewportFirst?: { current: number };
  /** The play button of a voice row, or Space on it: plays its recording inline. */
  onPlay?: (row: InteractionRow) => void;
  /** The conversation whose recording plays inline, marked in its row. */
  playingId?: string | null;
}

function PlayButton({
  row,
  playing,
  onPlay,
}: {
  row: InteractionRow;
  playing: boolean;
  onPlay: (row: InteractionRow) => void;
}) {
  return (
    <button
      type="button"
      className={playing ? "iplay iplay--playing" : "iplay"}
      aria-label={playing ? "Playing below" : "Play recording"}
      title={playing ? "Playing below" : "Play recording"}
      // The grid is one tab stop: Space on the row does the same from the keyboard.
      tabIndex={-1}
      onClick={(event) => {
        event.stopPropagation();
        onPlay(row);
      }}
      onDoubleClick={(event) => event.stopPropagation()}
      data-testid="row-play"
    >
      {playing ? (
        <AudioLines size={14} aria-hidden="true" />
      ) : (
        <Play size={14} aria-hidden="true" />
      )}
    </button>
  );
}

export function InteractionsTable({
  resultId,
  revision,
  count,
  columns,
  sort,
  onSort,
  onResize,
  onOpen,
  primed = null,
  viewportFirst,
  onPlay,
  playingId = null,
}: InteractionsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<{ resultId: string | null; index: number } | null>(null);
  const [dragging, setDragging] = useState<{ id: ColumnId; width: number } | null>(null);

  // The app does not use the React Compiler, and the virtualizer is read fresh each render,
  // so its unmemoizable functions are fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // The rows start below the sticky header inside the same scroller.
    scrollMargin: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (viewportFirst) viewportFirst.current = first;
  }, [viewportFirst, first]);
  const slotAt = useResultWindow(resultId, revision, count, first, last, primed);
  const slots = items.map((item) => ({ item, ...slotAt(item.index) }));

  const anyFresh = slots.some((s) => s.row && !s.stale);
  useEffect(() => {
    if (anyFresh) markRowsRendered(revision);
  }, [anyFresh, revision]);
  const now = useNow(slots.some((s) => s.row?.state === "live"));

  // A selection belongs to the result it was made in; a new result starts without one.
  const selectedIndex =
    selected && selected.resultId === resultId && selected.index < count ? selected.index : null;

  const widths = columns.map((c) => (dragging?.id === c.id ? dragging.width : c.width));
  const totalWidth = widths.reduce((sum, w) => sum + w, 0);
  const view = useHorizontalView(scrollRef);
  const [firstColumn, lastColumn] = visibleColumns(widths, view.left, view.width);
  // Body cells are drawn for these only, each placed in its own track of the grid.
  const drawn = columns.slice(firstColumn, lastColumn + 1).map((column, j) => ({
    column,
    place: { gridColumnStart: firstColumn + j + 1 },
    colIndex: firstColumn + j + 1,
  }));
  const gridStyle = {
    "--itable-columns": widths.map((w) => `${w}px`).join(" "),
    "--itable-width": `${totalWidth}px`,
  } as CSSProperties;

  function scrollIntoView(index: number) {
    const el = scrollRef.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    const visible = el.clientHeight - HEADER_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + visible) el.scrollTop = top + ROW_HEIGHT - visible;
  }

  function select(index: number) {
    if (count === 0) return;
    const clamped = Math.max(0, Math.min(count - 1, index));
    setSelected({ resultId, index: clamped });
    scrollIntoView(clamped);
  }

  function open(index: number) {
    const row = slotAt(index).row;
    if (row) onOpen(row);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget) return; // keys typed in header controls
    const page = Math.max(
      1,
      Math.floor(((scrollRef.current?.clientHeight ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT) - 1,
    );
    const at = selectedIndex;
    const moves: Record<string, () => number> = {
      ArrowDown: () => (at === null ? 0 : at + 1),
      ArrowUp: () => (at === null ? 0 : at - 1),
      PageDown: () => (at ?? 0) + page,
      PageUp: () => (at ?? 0) - page,
      Home: () => 0,
      End: () => count - 1,
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      select(move());
    } else if (event.key === "Enter" && at !== null) {
      event.preventDefault();
      open(at);
    } else if (event.key === " " && at !== null && onPlay) {
      event.preventDefault();
      const row = slotAt(at).row;
      if (row && hasRecording(row)) onPlay(row);
    }
  }

  const activeRowId =
    selectedIndex !== null && selectedIndex >= first && selectedIndex <= last
      ? `irow-${selectedIndex}`
      : undefined;

  return (
    <div
      ref={scrollRef}
      className="itable"
      role="grid"
      aria-label="Interactions"
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      aria-activedescendant={activeRowId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={gridStyle}
      data-testid="interactions-table"
    >
      <div className="itable__head" role="rowgroup">
        <div className="itable__row itable__row--head" role="row" aria-rowindex={1}>
          {columns.map((column, i) => (
            <ColumnHeader
              key={column.id}
              id={column.id}
              colIndex={i + 1}
              width={widths[i] ?? column.width}
              sort={sort}
              onSort={onSort}
              onDrag={(width) => setDragging({ id: column.id, width })}
              onDrop={(width) => {
                setDragging(null);
                onResize(column.id, width);
              }}
            />
          ))}
        </div>
      </div>
      <div className="itable__body" role="rowgroup" style={{ height: count * ROW_HEIGHT }}>
        {slots.map(({ item, row, stale }) => {
          const isSelected = item.index === selectedIndex;
          const className = [
            "itable__row",
            item.index % 2 === 1 ? "itable__row--odd" : null,
            isSelected ? "itable__row--selected" : null,
            stale ? "itable__row--stale" : null,
          ]
            .filter(Boolean)
            .join(" ");
          const style = { transform: `translateY(${item.start - HEADER_HEIGHT}px)` };
          if (!row) {
            return (
              <div
                key={item.key}
                id={`irow-${item.index}`}
                className={`${className} itable__row--placeholder`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                aria-busy="true"
                style={style}
                data-testid="interactions-row-placeholder"
              >
                {drawn.map(({ column, place, colIndex }) => (
                  <div
                    key={column.id}
                    className="icell"
                    role="gridcell"
                    aria-colindex={colIndex}
                    style={place}
                  >
                    <span className="skeleton" />
                  </div>
                ))}
              </div>
            );
          }
          return (
            <div
              key={item.key}
              id={`irow-${item.index}`}
              className={className}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={isSelected}
              style={style}
              data-testid="interactions-row"
              data-row-id={row.id}
              onClick={() => setSelected({ resultId, index: item.index })}
              onDoubleClick={() => onOpen(row)}
            >
              {drawn.map(({ column, place, colIndex }) => (
                <div
                  key={column.id}
                  className={COLUMN_DEFS[column.id].numeric ? "icell icell--numeric" : "icell"}
                  role="gridcell"
                  aria-colindex={colIndex}
                  style={place}
                >
                  {column.id === ID_COLUMN && onPlay && hasRecording(row) ? (
                    <PlayButton row={row} playing={row.id === playingId} onPlay={onPlay} />
                  ) : null}
                  {cellContent(column.id, row, now)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
