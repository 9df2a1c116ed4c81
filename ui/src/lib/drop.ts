// Where files dropped on the window go. Pure, so that it is tested without
// a window: the drop itself is the webview's native event.

export interface Sources {
  old: string;
  new: string;
}

export interface Dropped {
  sources: Sources;
  /** Something the reader should be told, e.g. that files were left out. */
  note: string | null;
}

/**
 * Two or more files at once are old and new in the order given (more than
 * two: the first two, and a note says so); one file goes to the side of
 * the window it was dropped on, `x` pixels from the left of a window
 * `width` wide. Null when nothing was dropped.
 */
export function dropInto(current: Sources, paths: string[], x: number, width: number): Dropped | null {
  if (paths.length === 0) return null;
  if (paths.length === 1) {
    const side = x < width / 2 ? "old" : "new";
    return { sources: { ...current, [side]: paths[0] }, note: null };
  }
  const note =
    paths.length > 2 ? `${paths.length} files dropped: comparing the first two, in the order given.` : null;
  return { sources: { old: paths[0], new: paths[1] }, note };
}
