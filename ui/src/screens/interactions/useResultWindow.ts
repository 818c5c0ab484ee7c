// The UI's window onto a core-held result: fetches fixed blocks of rows around the
// viewport, keyed by the result's revision, so scrolling 100,000 rows moves only a few
// hundred across the bridge. Until a block arrives the rows of the previous revision stay
// on screen (no flicker while a download grows the set); where there are none, the table
// shows placeholders.
import { useEffect, useRef, useState } from "react";

import { interactionRows, type InteractionRow } from "../../ipc";
import type { PrimedRows } from "./useInteractionsResult";

/** Rows per request: a few screens, small enough to arrive in one frame. */
export const BLOCK_SIZE = 200;
/** Blocks kept per revision; beyond this the ones farthest from the viewport go. */
const MAX_BLOCKS = 30;

interface WindowState {
  resultId: string | null;
  revision: number;
  blocks: ReadonlyMap<number, InteractionRow[]>;
  /** Blocks of an earlier revision of the same result, shown until replaced. */
  stale: ReadonlyMap<number, InteractionRow[]>;
}

export interface RowSlot {
  row: InteractionRow | undefined;
  /** True when `row` comes from an earlier revision and is about to be replaced. */
  stale: boolean;
}

function trimmed<T>(blocks: Map<number, T>, around: number): Map<number, T> {
  if (blocks.size <= MAX_BLOCKS) return blocks;
  const keep = [...blocks.keys()]
    .sort((a, b) => Math.abs(a - around) - Math.abs(b - around))
    .slice(0, MAX_BLOCKS);
  return new Map(keep.map((k) => [k, blocks.get(k)!]));
}

/**
 * Rows `first..last` (inclusive, overscan included) are the ones on screen; returns a
 * lookup for any index.
 */
export function useResultWindow(
  resultId: string | null,
  revision: number,
  count: number,
  first: number,
  last: number,
  primed: PrimedRows | null = null,
) {
  const [win, setWin] = useState<WindowState>({
    resultId,
    revision,
    blocks: new Map(),
    stale: new Map(),
  });
  /** Requests in flight, by "result:revision:block", so a re-render does not repeat them. */
  const pending = useRef(new Set<string>());

  // A new revision invalidates the blocks (adjusting state while rendering, as React
  // recommends for state derived from props, so no frame shows a mismatched window).
  let current = win;
  if (win.resultId !== resultId || win.revision !== revision) {
    const sameResult = win.resultId === resultId;
    // Rows that came with the arrange of this revision need no request.
    const seeded =
      primed && primed.revision === revision && primed.offset % BLOCK_SIZE === 0
        ? new Map([[primed.offset / BLOCK_SIZE, primed.rows]])
        : new Map<number, InteractionRow[]>();
    current = {
      resultId,
      revision,
      blocks: seeded,
      stale: sameResult
        ? trimmed(new Map([...win.stale, ...win.blocks]), Math.floor(first / BLOCK_SIZE))
        : new Map(),
    };
    setWin(current);
  }

  const firstBlock = Math.floor(Math.max(0, first) / BLOCK_SIZE);
  const lastBlock = Math.floor(Math.max(0, Math.min(last, count - 1)) / BLOCK_SIZE);
  const { blocks } = current;

  useEffect(() => {
    if (!resultId || count <= 0 || revision < 0) return;
    for (let block = firstBlock; block <= lastBlock; block++) {
      const key = `${resultId}:${revision}:${block}`;
      if (blocks.has(block) || pending.current.has(key)) continue;
      pending.current.add(key);
      const offset = block * BLOCK_SIZE;
      const limit = Math.min(BLOCK_SIZE, count - offset);
      interactionRows(resultId, offset, limit).then(
        (rows) => {
          pending.current.delete(key);
          setWin((w) =>
            w.resultId === resultId && w.revision === revision
              ? { ...w, blocks: trimmed(new Map(w.blocks).set(block, rows), block) }
              : w,
          );
        },
        () => {
          // Leave the placeholders; the next scroll or revision asks again.
          pending.current.delete(key);
        },
      );
    }
  }, [resultId, revision, count, firstBlock, lastBlock, blocks]);

  return (index: number): RowSlot => {
    const block = Math.floor(index / BLOCK_SIZE);
    const offset = index - block * BLOCK_SIZE;
    const fresh = current.blocks.get(block)?.[offset];
    if (fresh) return { row: fresh, stale: false };
    return { row: current.stale.get(block)?.[offset], stale: true };
  };
}
