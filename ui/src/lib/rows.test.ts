import { describe, expect, it } from "vitest";
import {
  buildRows,
  clipPieces,
  hasTexts,
  overviewMarks,
  passageChars,
  percent,
  rowPieces,
  sides,
  stepChange,
  unifiedPieces,
  withTexts,
  type ChangeRow,
} from "./rows";
import type { Change, Passage } from "./types";

function change(kind: Change["kind"], partial: Partial<Change> = {}): Change {
  return {
    kind,
    old_text: kind === "added" ? "" : "old",
    new_text: kind === "removed" ? "" : "new",
    similarity: kind === "unchanged" ? 1 : 0,
    diff: [],
    old_index: kind === "added" ? null : 0,
    new_index: kind === "removed" ? null : 0,
    old_count: kind === "added" ? 0 : 1,
    new_count: kind === "removed" ? 0 : 1,
    rebroken: false,
    boilerplate: false,
    flags: [],
    typographic: false,
    ...partial,
  };
}

describe("sides", () => {
  it("splits a reworded diff into deletions on the left and insertions on the right", () => {
    const { left, right } = sides(
      change("reworded", {
        old_text: "The cat sat.",
        new_text: "The dog sat.",
        diff: [
          { tag: "equal", text: "The " },
          { tag: "delete", text: "cat" },
          { tag: "insert", text: "dog" },
          { tag: "equal", text: " sat." },
        ],
      }),
    );
    expect(left).toEqual([
      { text: "The ", mark: "plain" },
      { text: "cat", mark: "del" },
      { text: " sat.", mark: "plain" },
    ]);
    expect(right).toEqual([
      { text: "The ", mark: "plain" },
      { text: "dog", mark: "ins" },
      { text: " sat.", mark: "plain" },
    ]);
  });

  it("shows the old typography on the left of equal stretches", () => {
    const { left, right } = sides(
      change("moved", { diff: [{ tag: "equal", text: '"Yes"', old: "\u201cYes\u201d" }] }),
    );
    expect(left).toEqual([{ text: "\u201cYes\u201d", mark: "plain" }]);
    expect(right).toEqual([{ text: '"Yes"', mark: "plain" }]);
  });

  it("leaves the missing side of added and removed passages empty", () => {
    expect(sides(change("added")).left).toBeNull();
    expect(sides(change("removed")).right).toBeNull();
  });
});

describe("buildRows", () => {
  const run = (n: number) => Array.from({ length: n }, () => change("unchanged"));

  it("folds a long unchanged run between changes, keeping one paragraph of context each side", () => {
    const rows = buildRows([change("removed"), ...run(6), change("added")]);
    expect(rows.map((r) => r.type)).toEqual(["change", "change", "fold", "change", "change"]);
    expect(rows[2]).toEqual({ type: "fold", from: 2, count: 4 });
  });

  it("shows the whole run once its fold is expanded", () => {
    const rows = buildRows([change("removed"), ...run(6), change("added")], new Set([2]));
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.type === "change")).toBe(true);
  });

  it("does not fold a run that would hide a single paragraph", () => {
    const rows = buildRows([change("removed"), ...run(3), change("added")]);
    expect(rows.every((r) => r.type === "change")).toBe(true);
  });

  it("labels a passage that spans merged paragraphs with their range", () => {
    const [row] = buildRows([change("unchanged", { old_index: 2, old_count: 2, new_index: 2 })]) as ChangeRow[];
    expect(row.oldLabel).toBe("¶3–4");
    expect(row.newLabel).toBe("¶3");
    expect(row.note).toBeNull();
    const [merged] = buildRows([change("unchanged", { old_count: 2, rebroken: true })]) as ChangeRow[];
    expect(merged.note).toBe("2 paragraphs merged");
  });

  it("marks boilerplate rows so they can be dimmed", () => {
    const [row] = buildRows([change("added", { boilerplate: true })]) as ChangeRow[];
    expect(row.boilerplate).toBe(true);
  });

  it("says why a dimmed row is dimmed, in the engine's words", () => {
    const why = "it sits in the page's figure: a picture's caption or credit";
    const [row] = buildRows([change("added", { boilerplate: true, why_boilerplate: why })]) as ChangeRow[];
    expect(row.boilerplateTitle).toBe(`Not the story, so not counted in the figures: ${why}`);
    const [plain] = buildRows([change("added")]) as ChangeRow[];
    expect(plain.boilerplateTitle).toBeNull();
    // Marked without a reason given: the wording rules marked it.
    const [worded] = buildRows([change("added", { boilerplate: true })]) as ChangeRow[];
    expect(worded.boilerplateTitle).toContain("its wording");
  });

  it("carries the engine's flags to the row", () => {
    const [row] = buildRows([change("reworded", { flags: ["number", "quote"] })]) as ChangeRow[];
    expect(row.flags).toEqual(["number", "quote"]);
  });

  it("marks where a moved passage used to stand", () => {
    const rows = buildRows([
      change("moved", { old_index: 2, new_index: 0 }),
      change("unchanged", { old_index: 0, new_index: 1 }),
      change("unchanged", { old_index: 1, new_index: 2 }),
      change("unchanged", { old_index: 3, new_index: 3 }),
    ]);
    expect(rows.map((r) => r.type)).toEqual(["change", "change", "change", "ghost", "change"]);
    expect(rows[3]).toEqual({ type: "ghost", target: 0, oldLabel: "¶3", text: "moved to ¶1" });
  });

  it("notes where a moved passage came from", () => {
    const row = buildRows([change("moved", { old_index: 6, new_index: 1 })]).find((r) => r.type === "change") as ChangeRow;
    expect(row.note).toBe("moved from ¶7");
  });
});

describe("percent", () => {
  it("never rounds a part up to all or down to nothing", () => {
    expect(percent(0.999)).toBe("99%");
    expect(percent(0.001)).toBe("1%");
    expect(percent(0.82)).toBe("82%");
    expect(percent(1)).toBe("100%");
  });
});

describe("stepChange", () => {
  const rows = buildRows([
    change("unchanged"),
    change("removed"),
    change("unchanged"),
    change("added", { boilerplate: true }),
    change("reworded"),
  ]);

  it("walks forward and back over changes, skipping unchanged rows and boilerplate", () => {
    expect(stepChange(rows, null, 1)).toBe(1);
    expect(stepChange(rows, 1, 1)).toBe(4);
    expect(stepChange(rows, 4, 1)).toBeNull();
    expect(stepChange(rows, 4, -1)).toBe(1);
    expect(stepChange(rows, null, -1)).toBe(4);
  });
});

describe("unifiedPieces", () => {
  it("puts deletions and insertions inline in reading order", () => {
    expect(
      unifiedPieces(
        change("reworded", {
          diff: [
            { tag: "equal", text: "The " },
            { tag: "delete", text: "cat" },
            { tag: "insert", text: "dog" },
            { tag: "equal", text: " sat." },
          ],
        }),
      ),
    ).toEqual([
      { text: "The ", mark: "plain" },
      { text: "cat", mark: "del" },
      { text: "dog", mark: "ins" },
      { text: " sat.", mark: "plain" },
    ]);
    expect(unifiedPieces(change("removed", { old_text: "Gone." }))).toEqual([{ text: "Gone.", mark: "del" }]);
  });
});

describe("overviewMarks", () => {
  it("marks each change that counts at its place in reading order", () => {
    const marks = overviewMarks([
      change("unchanged"),
      change("removed"),
      change("added", { boilerplate: true }),
      change("unchanged"),
      change("moved"),
    ]);
    expect(marks).toEqual([
      { index: 1, kind: "removed", top: 25 },
      { index: 4, kind: "moved", top: 100 },
    ]);
  });

  it("keeps a long document's map to one mark a slot, leading to the first change in it", () => {
    const changes = Array.from({ length: 10_000 }, (_, k) => change(k % 2 === 0 ? "reworded" : "unchanged"));
    const marks = overviewMarks(changes, 100);
    expect(marks.length).toBeLessThanOrEqual(100);
    expect(marks[0].index).toBe(0);
    expect(marks[marks.length - 1].index).toBeGreaterThan(9_800);
  });
});

describe("clipPieces", () => {
  it("leaves passages under the limit whole", () => {
    const pieces = [{ text: "short", mark: "plain" as const }];
    expect(clipPieces(pieces, 10)).toEqual({ pieces, hidden: 0, hiddenEdits: 0 });
  });

  it("cuts an enormous passage at a space near the limit and counts the rest", () => {
    const text = "word ".repeat(100);
    const { pieces, hidden } = clipPieces(
      [
        { text: "kept ", mark: "plain" },
        { text, mark: "del" },
      ],
      52,
    );
    expect(pieces[0]).toEqual({ text: "kept ", mark: "plain" });
    expect(pieces[1].mark).toBe("del");
    expect(pieces[1].text.endsWith("word")).toBe(true);
    expect(pieces.reduce((n, p) => n + p.text.length, 0) + hidden).toBe(5 + text.length);
  });

  it("counts the edits that start in the hidden part", () => {
    const pieces = [
      { text: "a".repeat(30), mark: "plain" as const },
      { text: "cut", mark: "del" as const },
      { text: " kept ", mark: "plain" as const },
      { text: "new", mark: "ins" as const },
    ];
    expect(clipPieces(pieces, 20).hiddenEdits).toBe(2);
    // An edit cut in two shows its start: it is not counted as hidden.
    expect(clipPieces(pieces, 32).hiddenEdits).toBe(1);
  });

  it("never splits a surrogate pair", () => {
    const { pieces } = clipPieces([{ text: "😀".repeat(10), mark: "ins" }], 5);
    expect(pieces[0].text).toBe("😀😀");
  });
});

// Passages as the app sends them (src-tauri/src/shown.rs): each text once,
// fields at their default left out.

/** A reworded passage as sent: its diff alone, which holds both sides. */
const catToDog: Passage = {
  kind: "reworded",
  diff: [
    { tag: "equal", text: "The " },
    { tag: "delete", text: "cat" },
    { tag: "insert", text: "dog" },
  ],
  old_index: 0,
  new_index: 0,
  old_count: 1,
  new_count: 1,
};

describe("passages of the view", () => {
  it("shows an unchanged passage sent once on both sides", () => {
    const p: Passage = { kind: "unchanged", new_text: "Same.", old_index: 0, new_index: 0, old_count: 1, new_count: 1 };
    expect(sides(p)).toEqual({ left: [{ text: "Same.", mark: "plain" }], right: [{ text: "Same.", mark: "plain" }] });
    expect(unifiedPieces(p)).toEqual([{ text: "Same.", mark: "plain" }]);
  });

  it("keeps the old typography of an unchanged passage when it was sent", () => {
    const p: Passage = {
      kind: "unchanged",
      old_text: "\u201cYes\u201d",
      new_text: '"Yes"',
      old_index: 0,
      new_index: 0,
      old_count: 1,
      new_count: 1,
      typographic: true,
    };
    expect(sides(p).left).toEqual([{ text: "\u201cYes\u201d", mark: "plain" }]);
    expect(sides(p).right).toEqual([{ text: '"Yes"', mark: "plain" }]);
  });

  it("rebuilds both sides of a reworded passage from its diff alone", () => {
    const p: Passage = { ...catToDog, flags: ["name"] };
    const { left, right } = sides(p);
    expect(left?.map((x) => x.text).join("")).toBe("The cat");
    expect(right?.map((x) => x.text).join("")).toBe("The dog");
    const [row] = buildRows([p]) as ChangeRow[];
    expect(row.flags).toEqual(["name"]);
    expect(row.boilerplate).toBe(false);
  });

  it("labels added and removed passages without the index they lack", () => {
    const added: Passage = { kind: "added", new_text: "New.", new_index: 3, old_count: 0, new_count: 1 };
    const removed: Passage = { kind: "removed", old_text: "Old.", old_index: 2, old_count: 1, new_count: 0 };
    const rows = buildRows([removed, added]) as ChangeRow[];
    expect(rows.map((r) => [r.oldLabel, r.newLabel])).toEqual([
      ["¶3", null],
      [null, "¶4"],
    ]);
    expect(rows.map((r) => [r.hasOld, r.hasNew])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(rowPieces(removed).unified).toEqual([{ text: "Old.", mark: "del" }]);
    expect(rowPieces(added).right).toEqual([{ text: "New.", mark: "plain" }]);
  });

  it("sizes a row from its texts, or from the sizes sent in their stead", () => {
    const reworded = catToDog;
    const [withText] = buildRows([reworded]) as ChangeRow[];
    expect(withText.chars).toEqual([7, 7, 10]);
    const sent: Passage = { ...reworded, diff: undefined, chars: [7, 7, 10] };
    expect(hasTexts(sent)).toBe(false);
    const [without] = buildRows([sent]) as ChangeRow[];
    expect(without.chars).toEqual([7, 7, 10]);
    // Once its texts come, the passage shows them, and its size is theirs.
    const filled = withTexts(sent, { diff: reworded.diff });
    expect(hasTexts(filled)).toBe(true);
    expect(rowPieces(filled)).toEqual(rowPieces(reworded));
    expect(passageChars(filled)).toEqual([7, 7, 10]);
  });

  it("puts a ghost where a moved passage sent without its defaults stood", () => {
    const moved: Passage = { kind: "moved", old_text: "M.", new_text: "M.", old_index: 1, new_index: 0, old_count: 1, new_count: 1 };
    const kept: Passage = { kind: "unchanged", new_text: "K.", old_index: 0, new_index: 1, old_count: 1, new_count: 1 };
    const rows = buildRows([moved, kept]);
    expect(rows.map((r) => r.type)).toEqual(["change", "change", "ghost"]);
  });
});
