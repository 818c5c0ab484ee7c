// A column header of the Interactions grid: click sorts by the column (again reverses it),
// the right edge drags to resize; the width is saved only when the drag ends.
import { ArrowDown, ArrowUp } from "lucide-react";
import { useRef, type PointerEvent } from "react";

import type { ColumnId, SortSpec } from "../../ipc";
import { COLUMN_DEFS, clampWidth, columnLabel } from "./columns";

export interface ColumnHeaderProps {
  id: ColumnId;
  colIndex: number;
  width: number;
  sort: SortSpec;
  onSort: (sort: SortSpec) => void;
  /** While dragging the edge: the width so far (not saved yet). */
  onDrag: (width: number) => void;
  /** The width when the drag ends. */
  onDrop: (width: number) => void;
}

export function ColumnHeader({
  id,
  colIndex,
  width,
  sort,
  onSort,
  onDrag,
  onDrop,
}: ColumnHeaderProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const label = columnLabel(id);
  const sorted = sort.column === id;
  const ariaSort = sorted ? (sort.descending ? "descending" : "ascending") : "none";

  const widthAt = (event: PointerEvent) =>
    drag.current ? clampWidth(drag.current.width + event.clientX - drag.current.x) : width;

  return (
    <div
      className={COLUMN_DEFS[id].numeric ? "ihead ihead--numeric" : "ihead"}
      role="columnheader"
      aria-colindex={colIndex}
      aria-sort={ariaSort}
      data-testid={`column-header-${id}`}
    >
      <button
        type="button"
        className="ihead__sort"
        onClick={() => onSort({ column: id, descending: sorted ? !sort.descending : false })}
        title={`Sort by ${label}`}
      >
        <span className="ihead__label">{label}</span>
        {sorted ? (
          sort.descending ? (
            <ArrowDown size={12} aria-hidden="true" />
          ) : (
            <ArrowUp size={12} aria-hidden="true" />
          )
        ) : null}
      </button>
      <div
        className="ihead__resize"
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${label}`}
        aria-valuenow={width}
        tabIndex={-1}
        onPointerDown={(event) => {
          event.preventDefault();
          event.currentTarget.setPointerCapture(event.pointerId);
          drag.current = { x: event.clientX, width };
        }}
        onPointerMove={(event) => {
          if (drag.current) onDrag(widthAt(event));
        }}
        onPointerUp={(event) => {
          if (!drag.current) return;
          const next = widthAt(event);
          drag.current = null;
          onDrop(next);
        }}
        onKeyDown={(event) => {
          // Focusable by click; arrows resize in 16px steps for those who prefer keys.
          const step = event.key === "ArrowRight" ? 16 : event.key === "ArrowLeft" ? -16 : 0;
          if (step === 0) return;
          event.preventDefault();
          onDrop(clampWidth(width + step));
        }}
      />
    </div>
  );
}
