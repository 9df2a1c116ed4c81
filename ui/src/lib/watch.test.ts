import { describe, expect, it } from "vitest";
import { groups, standing, unseenIds, versions } from "./watch";
import type { ChangeView, WatchView } from "./types";

function watch(url: string, kind: WatchView["kind"], feed: string | null = null): WatchView {
  return {
    id: 0,
    url,
    kind,
    feed,
    title: null,
    state: "active",
    last_checked: null,
    next_check: "2026-12-07T09:15:00Z",
    versions: 1,
    last_change: null,
    unseen: 0,
    note: null,
    story_id: null,
  };
}

describe("the watch list", () => {
  it("puts each feed's articles under it, newest first, and lone articles after", () => {
    const list = groups([
      watch("https://n.example/feed", "feed"),
      watch("https://n.example/a", "article", "https://n.example/feed"),
      watch("https://n.example/alone", "article"),
      watch("https://n.example/b", "article", "https://n.example/feed"),
    ]);
    expect(list.map((g) => g.head.url)).toEqual(["https://n.example/feed", "https://n.example/alone"]);
    expect(list[0].articles.map((a) => a.url)).toEqual(["https://n.example/b", "https://n.example/a"]);
  });

  it("says when a watch is next checked, or why not", () => {
    expect(standing(watch("u", "article"))).toBe("next check 7 Dec 2026 09:15");
    expect(standing({ ...watch("u", "article"), state: "ended", next_check: null })).toBe("no longer checked");
    expect(standing({ ...watch("u", "article"), state: "failing" })).toBe("failing; tried again 7 Dec 2026 09:15");
    expect(versions(1)).toBe("1 version");
    expect(versions(3)).toBe("3 versions");
  });

  it("counts the changes not yet seen", () => {
    const change = (id: number, seen: boolean) => ({ id, seen }) as ChangeView;
    expect(unseenIds([change(1, true), change(2, false), change(3, false)])).toEqual([2, 3]);
  });
});
