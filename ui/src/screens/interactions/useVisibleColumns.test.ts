import { describe, expect, it } from "vitest";

import { visibleColumns } from "./useVisibleColumns";

describe("visibleColumns", () => {
  const widths = [100, 100, 100, 100, 100, 100];

  it("gives the columns in view and one more on each side", () => {
    expect(visibleColumns(widths, 0, 250)).toEqual([0, 3]);
    expect(visibleColumns(widths, 150, 200)).toEqual([0, 4]);
    expect(visibleColumns(widths, 300, 100)).toEqual([2, 4]);
  });

  it("counts a column cut by either edge as in view", () => {
    expect(visibleColumns(widths, 199, 2, 0)).toEqual([1, 2]);
    expect(visibleColumns(widths, 200, 100, 0)).toEqual([2, 2]);
  });

  it("stops at the ends", () => {
    expect(visibleColumns(widths, 0, 2000)).toEqual([0, 5]);
    expect(visibleColumns(widths, 550, 100)).toEqual([4, 5]);
    expect(visibleColumns(widths, 900, 100, 0)).toEqual([5, 5]);
  });

  it("gives every column while the width is unknown", () => {
    expect(visibleColumns(widths, 0, 0)).toEqual([0, 5]);
    expect(visibleColumns([], 0, 500)).toEqual([0, -1]);
  });
});
