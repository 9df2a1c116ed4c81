import { describe, expect, it } from "vitest";
import type { Row } from "./rows";
import { BLOCK, OVERSCAN, askRuns, blockHeights, estimateRow, offsets, visibleBlocks, type Metrics } from "./window";

const metrics: Metrics = { charsPerLine: 50, lineHeight: 20, rowChrome: 10, unified: false };

function textRow(left: number, right: number, index = 0): Row {
  return {
    type: "change",
    kind: "reworded",
    index,
    hasOld: true,
    hasNew: true,
    chars: [left, right, left + right],
    oldLabel: null,
    newLabel: null,
    note: null,
    flags: [],
    boilerplate: false,
    boilerplateTitle: null,
  };
}

describe("estimateRow", () => {
  it("counts the lines of the longer column", () => {
    // 120 characters at 50 a line: 3 lines.
    expect(estimateRow(textRow(120, 30), metrics)).toBe(3 * 20 + 10);
  });

  it("counts one column of both texts in the unified view", () => {
    expect(estimateRow(textRow(120, 30), { ...metrics, unified: true })).toBe(3 * 20 + 10);
    expect(estimateRow(textRow(120, 90), { ...metrics, unified: true })).toBe(5 * 20 + 10);
  });

  it("gives folds, ghosts and empty rows one line", () => {
    expect(estimateRow({ type: "fold", from: 0, count: 9 }, metrics)).toBe(30);
    expect(estimateRow(textRow(0, 0), metrics)).toBe(30);
  });
});

describe("blockHeights", () => {
  const rows = Array.from({ length: BLOCK * 2 + 3 }, (_, k) => textRow(10, 10, k));
  const estimates = rows.map((r) => estimateRow(r, metrics));

  it("sums rows in blocks of BLOCK, the last one short", () => {
    expect(blockHeights(rows, estimates, new Map())).toEqual([BLOCK * 30, BLOCK * 30, 3 * 30]);
  });

  it("uses a row's measured height, found by its key, wherever the row now stands", () => {
    const measured = new Map([["c" + (BLOCK + 1), 130]]);
    expect(blockHeights(rows, estimates, measured)).toEqual([BLOCK * 30, BLOCK * 30 + 100, 3 * 30]);
    // A row inserted at the top moves it into the first block's neighbour:
    // its measurement moves with it.
    const shifted = [textRow(10, 10, 999), ...rows];
    const shiftedEstimates = shifted.map((r) => estimateRow(r, metrics));
    expect(blockHeights(shifted, shiftedEstimates, measured)[1]).toBe(BLOCK * 30 + 100);
  });
});

describe("visibleBlocks", () => {
  const tops = offsets(Array.from({ length: 100 }, () => 1000));

  it("renders the blocks on screen and an overscan either side", () => {
    const { first, last } = visibleBlocks(tops, 50_000, 51_000);
    expect(first).toBe(Math.floor((50_000 - OVERSCAN) / 1000));
    expect(last).toBe(Math.floor((51_000 + OVERSCAN) / 1000));
  });

  it("clamps at both ends of the list", () => {
    expect(visibleBlocks(tops, -500, 400)).toEqual({ first: 0, last: 1 });
    expect(visibleBlocks(tops, 99_500, 200_000)).toEqual({ first: 98, last: 99 });
  });

  it("renders nothing for an empty list", () => {
    expect(visibleBlocks([0], 0, 1000)).toEqual({ first: 0, last: -1 });
  });

  it("renders a few blocks however long the list", () => {
    const long = offsets(Array.from({ length: 100_000 }, () => 700));
    const { first, last } = visibleBlocks(long, 30_000_000, 30_000_900);
    expect(last - first + 1).toBeLessThanOrEqual(Math.ceil((900 + 2 * OVERSCAN) / 700) + 1);
  });
});

describe("askRuns", () => {
  it("asks for nearby passages together and far ones apart", () => {
    expect(askRuns([], 25, 1000)).toEqual([]);
    expect(askRuns([7], 25, 1000)).toEqual([[7, 8]]);
    // Out of order, with a fold's hidden passages (12 to 29) between two rows.
    expect(askRuns([31, 10, 11, 30, 500, 501], 25, 1000)).toEqual([
      [10, 32],
      [500, 502],
    ]);
  });

  it("never asks for more than `most` at once", () => {
    const missing = Array.from({ length: 2500 }, (_, k) => k);
    const runs = askRuns(missing, 25, 1000);
    expect(runs).toEqual([
      [0, 1000],
      [1000, 2000],
      [2000, 2500],
    ]);
  });
});
