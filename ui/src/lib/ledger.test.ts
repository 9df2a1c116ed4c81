import { describe, expect, it } from "vitest";
import { arrange, cellSymbol, cellTitle, dropSources, keeps, nextSort, noFilter, shortName } from "./ledger";
import type { LedgerRow, Stats } from "./types";

function row(source: string, over: Partial<LedgerRow> = {}, stats: Partial<Stats> = {}): LedgerRow {
  return {
    source,
    title: null,
    site: null,
    published: null,
    stats: {
      kept_verbatim: 0.5,
      kept_edited: 0.3,
      quotes_altered: 0,
      numbers_changed: 0,
      names_changed: 0,
      ...stats,
    } as Stats,
    cut: 0.2,
    added: 0.1,
    credit: null,
    follows: null,
    follows_index: null,
    follows_shared: null,
    edits: 0,
    cells: [],
    ...over,
  };
}

const rows = [
  row("a.txt", { site: "Oceania News", credit: "This story first appeared in The Sun." }, { kept_verbatim: 0.9 }),
  row("b.txt", { site: "City Post" }, { kept_verbatim: 0.4, quotes_altered: 1 }),
  row("c.txt", { follows: "a.txt" }, { kept_verbatim: 0.9 }),
];

describe("arrange", () => {
  it("keeps the given order by default", () => {
    expect(arrange(rows, { key: "order", descending: false }, noFilter)).toEqual([0, 1, 2]);
  });

  it("sorts by a figure, ties in the given order", () => {
    expect(arrange(rows, { key: "verbatim", descending: true }, noFilter)).toEqual([0, 2, 1]);
    expect(arrange(rows, { key: "verbatim", descending: false }, noFilter)).toEqual([1, 0, 2]);
  });

  it("sorts by text, empty first", () => {
    expect(arrange(rows, { key: "site", descending: false }, noFilter)).toEqual([2, 1, 0]);
  });

  it("filters by words in source, site, credit or follows", () => {
    expect(arrange(rows, { key: "order", descending: false }, { ...noFilter, text: "the sun" })).toEqual([0]);
    expect(arrange(rows, { key: "order", descending: false }, { ...noFilter, text: "a.txt" })).toEqual([0, 2]);
  });

  it("filters to changed facts or to uncredited copies", () => {
    expect(keeps(rows[1], { ...noFilter, factsChanged: true })).toBe(true);
    expect(keeps(rows[0], { ...noFilter, factsChanged: true })).toBe(false);
    expect(arrange(rows, { key: "order", descending: false }, { ...noFilter, noCredit: true })).toEqual([1, 2]);
  });
});

describe("nextSort", () => {
  it("turns the order round on the same column and sorts figures largest first", () => {
    expect(nextSort({ key: "order", descending: false }, "cut")).toEqual({ key: "cut", descending: true });
    expect(nextSort({ key: "cut", descending: true }, "cut")).toEqual({ key: "cut", descending: false });
    expect(nextSort({ key: "cut", descending: true }, "site")).toEqual({ key: "site", descending: false });
  });
});

describe("cells", () => {
  const cell = { state: "edited" as const, moved: false, copy_index: 3, change_index: 4, flags: ["number" as const] };
  it("has a symbol for each state and one for moved", () => {
    expect(cellSymbol(cell)).toBe("~");
    expect(cellSymbol({ ...cell, state: "verbatim" })).toBe("=");
    expect(cellSymbol({ ...cell, state: "missing", copy_index: null })).toBe("−");
    expect(cellSymbol({ ...cell, moved: true })).toBe("↕");
  });

  it("says what happened in words", () => {
    expect(cellTitle(cell, 1, rows[0])).toBe("¶2 in a.txt: edited as its ¶4 (number changed)");
  });

  it("names a column by site, else by file name", () => {
    expect(shortName(rows[0])).toBe("Oceania News");
    expect(shortName(row("/tmp/copies/c.txt"))).toBe("c.txt");
  });
});

describe("dropSources", () => {
  it("makes the first file the original when there is none", () => {
    expect(dropSources("", [], ["/o.txt", "/a.txt", "/b.txt"])).toEqual({ original: "/o.txt", copies: ["/a.txt", "/b.txt"] });
  });

  it("adds files as copies once there is an original, without repeats", () => {
    expect(dropSources("/o.txt", ["/a.txt", ""], ["/a.txt", "/c.txt"])).toEqual({
      original: "/o.txt",
      copies: ["/a.txt", "/c.txt"],
    });
  });
});
