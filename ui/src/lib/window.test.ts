import { describe, expect, it } from "vitest";
import type { Row } from "./rows";
import { BLOCK, OVERSCAN, blockHeights, estimateBlocks, estimateRow, offsets, visibleBlocks, type Metrics } from "./window";

const metrics: Metrics = { charsPerLine: 50, lineHeight: 20, rowChrome: 10, unified: false };

function textRow(left: number, right: number): Row {
  const side = (n: number) => (n > 0 ? [{ text: "x".repeat(n), mark: "plain" as const }] : null);
  return {
    type: "change",
    kind: "reworded",
    unified: [{ text: "x".repeat(left + right), mark: "plain" }],
    index: 0,
    left: side(left),
    right: side(right),
    oldLabel: null,
    newLabel: null,
    note: null,
    flags: [],
    boilerplate: false,
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

describe("estimateBlocks", () => {
  it("sums rows in blocks of BLOCK, the last one short", () => {
    const rows = Array.from({ length: BLOCK * 2 + 3 }, () => textRow(10, 10));
    expect(estimateBlocks(rows, metrics)).toEqual([BLOCK * 30, BLOCK * 30, 3 * 30]);
  });
});

describe("blockHeights", () => {
  it("uses measured heights where there are some and leaves the other estimates alone", () => {
    const heights = blockHeights([100, 100, 100, 50], new Map([[1, 150]]));
    expect(heights).toEqual([100, 150, 100, 50]);
  });

  it("keeps the estimates before anything is measured", () => {
    expect(blockHeights([100, 40], new Map())).toEqual([100, 40]);
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
