// Which columns the view shows and in what order. Shown columns come first, in order, each
// movable up or down; hidden ones follow. The conversation id cannot be hidden: it is how
// supervisors quote an interaction to anyone else.
import { ChevronDown, ChevronUp, Columns3 } from "lucide-react";

import { Button } from "../../components/primitives/Button";
import { Popover, PopoverContent, PopoverTrigger } from "../../components/primitives/Popover";
import { COLUMN_IDS, type ColumnId, type ViewColumn } from "../../ipc";
import { COLUMN_DEFS, ID_COLUMN, columnLabel, defaultColumns } from "./columns";

export interface ColumnChooserProps {
  columns: ViewColumn[];
  onChange: (columns: ViewColumn[]) => void;
}

export function ColumnChooser({ columns, onChange }: ColumnChooserProps) {
  const shown = new Set(columns.map((c) => c.id));
  const hidden = COLUMN_IDS.filter((id) => !shown.has(id));

  function toggle(id: ColumnId, on: boolean) {
    if (id === ID_COLUMN) return;
    onChange(
      on ? [...columns, { id, width: COLUMN_DEFS[id].width }] : columns.filter((c) => c.id !== id),
    );
  }

  function move(index: number, by: -1 | 1) {
    const target = index + by;
    if (target < 0 || target >= columns.length) return;
    const next = [...columns];
    [next[index], next[target]] = [next[target]!, next[index]!];
    onChange(next);
  }

  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button
          size="sm"
          icon={<Columns3 size={14} aria-hidden="true" />}
          data-testid="column-chooser"
        >
          Columns
        </Button>
      </PopoverTrigger>
      <PopoverContent className="column-chooser" align="end" aria-label="Columns">
        <p className="popover__title">Columns</p>
        <ul className="column-chooser__list">
          {columns.map((column, index) => (
            <li key={column.id} className="column-chooser__item">
              <label className="choice">
                <input
                  type="checkbox"
                  checked
                  disabled={column.id === ID_COLUMN}
                  onChange={() => toggle(column.id, false)}
                  data-testid={`column-toggle-${column.id}`}
                />
                <span>{columnLabel(column.id)}</span>
              </label>
              <span className="column-chooser__moves">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${columnLabel(column.id)} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  <ChevronUp size={14} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${columnLabel(column.id)} down`}
                  disabled={index === columns.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <ChevronDown size={14} aria-hidden="true" />
                </button>
              </span>
            </li>
          ))}
          {hidden.map((id) => (
            <li key={id} className="column-chooser__item column-chooser__item--hidden">
              <label className="choice">
                <input
                  type="checkbox"
                  checked={false}
                  onChange={() => toggle(id, true)}
                  data-testid={`column-toggle-${id}`}
                />
                <span>{columnLabel(id)}</span>
              </label>
            </li>
          ))}
        </ul>
        <Button size="sm" variant="ghost" onClick={() => onChange(defaultColumns())}>
          Reset to default columns
        </Button>
      </PopoverContent>
    </Popover>
  );
}
