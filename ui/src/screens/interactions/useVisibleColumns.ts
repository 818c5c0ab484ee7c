// Which columns of the grid are in view: the body draws only those (and one more on each
// side), so a redraw after a sort or a load's progress touches a third of the cells a
// 17-column view has, not all of them. The header keeps every column.
import { useEffect, useState, type RefObject } from "react";

/** Columns drawn beyond the visible ones on each side, for a quick sideways scroll. */
const COLUMN_OVERSCAN = 1;

/**
 * The first and last index of the columns that meet `[left, left + width)`, overscan
 * included; every column while the width is unknown (before layout, or in tests).
 */
export function visibleColumns(
  widths: readonly number[],
  left: number,
  width: number,
  overscan = COLUMN_OVERSCAN,
): [number, number] {
  const lastIndex = widths.length - 1;
  if (width <= 0 || lastIndex < 0) return [0, lastIndex];
  let first = -1;
  let last = lastIndex;
  let x = 0;
  for (let i = 0; i < widths.length; i++) {
    if (x >= left + width) {
      last = i - 1;
      break;
    }
    const end = x + (widths[i] ?? 0);
    if (first < 0 && end > left) first = i;
    x = end;
  }
  // Scrolled past the end (the widths just shrank): the last column.
  first = Math.min(first < 0 ? lastIndex : first, last);
  return [Math.max(0, first - overscan), Math.min(lastIndex, last + overscan)];
}

/** The scroller's horizontal position and width, followed as it scrolls or resizes. */
export function useHorizontalView(scrollRef: RefObject<HTMLElement | null>) {
  const [view, setView] = useState({ left: 0, width: 0 });
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () =>
      setView((v) =>
        // Vertical scrolling changes neither: no re-render for it.
        v.left === el.scrollLeft && v.width === el.clientWidth
          ? v
          : { left: el.scrollLeft, width: el.clientWidth },
      );
    measure();
    el.addEventListener("scroll", measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      el.removeEventListener("scroll", measure);
      observer.disconnect();
    };
  }, [scrollRef]);
  return view;
}
