import { describe, expect, it } from "vitest";
import {
  changeWords,
  diffPieces,
  firstPair,
  originLabel,
  paragraphs,
  sentenceAge,
  shade,
  stepPair,
  timeline,
  versionLabel,
  when,
  withPrevious,
} from "./history";
import type { SentenceView, VersionView } from "./types";

function version(id: number, over: Partial<VersionView> = {}): VersionView {
  return {
    id,
    token: `version:${id}`,
    captured_at: `2023-09-1${id}T06:00:00Z`,
    origin: "wayback",
    archive: "web.archive.org",
    article_changed: true,
    similarity: id === 1 ? null : 0.9,
    title: "Sea wall",
    words: 120,
    note: null,
    bad: false,
    url: "https://news.example/sea-wall",
    ...over,
  };
}

// 1 first, 2 changed, 3 no change in the article, 4 bad, 5 changed.
const story = [
  version(1),
  version(2),
  version(3, { article_changed: false, similarity: 1 }),
  version(4, { bad: true, article_changed: false, similarity: null, note: "bad capture: a redirect" }),
  version(5, { similarity: 0.5 }),
];

describe("timeline", () => {
  it("hides unchanged versions and bad captures by default, and counts them", () => {
    const t = timeline(story, { unchanged: false, bad: false });
    expect(t.visible.map((v) => v.id)).toEqual([1, 2, 5]);
    expect(t.hiddenUnchanged).toBe(1);
    expect(t.hiddenBad).toBe(1);
  });

  it("shows them when asked", () => {
    expect(timeline(story, { unchanged: true, bad: false }).visible.map((v) => v.id)).toEqual([1, 2, 3, 5]);
    const all = timeline(story, { unchanged: true, bad: true });
    expect(all.visible).toHaveLength(5);
    expect(all.hiddenUnchanged + all.hiddenBad).toBe(0);
    expect(all.unchanged).toBe(1);
  });

  it("shades by how much changed", () => {
    expect(story.map(shade)).toEqual(["first", 2, 0, 0, 4]);
    expect(shade(version(9, { similarity: 0.99 }))).toBe(1);
    expect(shade(version(9, { similarity: 0.8 }))).toBe(3);
    expect(changeWords(story[4])).toBe("50% changed since the previous version");
    expect(changeWords(story[2])).toBe("no change in the article");
    expect(changeWords(story[3])).toBe("bad capture: a redirect");
  });
});

describe("labels", () => {
  it("names origins as a reader does", () => {
    expect(originLabel("fetched", null)).toBe("fetched by you");
    expect(originLabel("wayback", "web.archive.org")).toBe("Wayback");
    expect(originLabel("memento", "archive.ph")).toBe("archive.today");
    expect(originLabel("memento", "arquivo.pt")).toBe("arquivo.pt");
    expect(originLabel("memento", "127.0.0.1:4000")).toBe("Memento (127.0.0.1:4000)");
    expect(originLabel("file", null)).toBe("file");
  });

  it("writes times in UTC as stored", () => {
    expect(when("2023-09-13T09:00:00Z")).toBe("13 Sep 2023 09:00");
    expect(when("not a time")).toBe("not a time");
    expect(versionLabel(story[0])).toBe("11 Sep 2023 06:00 · Wayback");
  });
});

describe("pairs", () => {
  const visible = timeline(story, { unchanged: false, bad: false }).visible;

  it("compares a version with the previous visible one", () => {
    expect(withPrevious(visible, 5)).toEqual({ from: 2, to: 5 });
    expect(withPrevious(visible, 1)).toBeNull();
  });

  it("steps through consecutive pairs with [ and ]", () => {
    expect(stepPair(visible, null, 1)).toEqual({ from: 1, to: 2 });
    expect(stepPair(visible, null, -1)).toEqual({ from: 2, to: 5 });
    expect(stepPair(visible, { from: 1, to: 2 }, 1)).toEqual({ from: 2, to: 5 });
    expect(stepPair(visible, { from: 2, to: 5 }, 1)).toBeNull();
    expect(stepPair(visible, { from: 2, to: 5 }, -1)).toEqual({ from: 1, to: 2 });
    expect(stepPair(visible, { from: 1, to: 2 }, -1)).toBeNull();
    // From any two (not consecutive), a step goes from the To version.
    expect(stepPair(visible, { from: 1, to: 5 }, -1)).toEqual({ from: 1, to: 2 });
    expect(stepPair([visible[0]], null, 1)).toBeNull();
  });

  it("opens on the two newest versions", () => {
    expect(firstPair(visible)).toEqual({ from: 2, to: 5 });
    expect(firstPair(visible.slice(0, 1))).toBeNull();
  });
});

describe("sentences", () => {
  const s = (paragraph: number, since: number): SentenceView => ({
    paragraph,
    text: `s${paragraph}`,
    since,
    since_captured_at: "",
    earlier: [],
  });

  it("groups sentences by paragraph", () => {
    expect(paragraphs([s(0, 1), s(0, 2), s(2, 1)]).map((p) => p.length)).toEqual([2, 1]);
    expect(paragraphs([])).toEqual([]);
  });

  it("ages a wording from the first version to the chosen one", () => {
    expect(sentenceAge(s(0, 1), [1, 2, 5])).toBe(0);
    expect(sentenceAge(s(0, 5), [1, 2, 5])).toBe(1);
    expect(sentenceAge(s(0, 2), [1, 2, 5])).toBe(0.5);
  });

  it("shows the engine's word diff as struck and underlined pieces", () => {
    expect(
      diffPieces([
        { tag: "equal", text: "voted on " },
        { tag: "delete", text: "Thursday" },
        { tag: "insert", text: "Thursday night" },
      ]),
    ).toEqual([
      { text: "voted on ", mark: "plain" },
      { text: "Thursday", mark: "del" },
      { text: "Thursday night", mark: "ins" },
    ]);
  });
});
