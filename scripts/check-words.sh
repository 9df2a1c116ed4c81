#!/usr/bin/env bash
# Fails when a file of the project (vendored code aside) names the
# project's own work process: a development step (the word "stop" and its
# number), a work session, or an issue number ("issue", a hash, digits).
# Documents and comments say what holds; how it came to hold belongs in
# commit messages.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='\b(stop|stops) [0-9]+\b|issue #[0-9]+|\bsession [0-9]'
if hits=$(git grep -n -I -i -E "$pattern" -- . ':!vendor'); then
  echo "These lines name the project's own development steps or issue numbers;" >&2
  echo "say what holds instead (history belongs in commit messages):" >&2
  echo "$hits" >&2
  exit 1
fi
# Files not yet added to git are checked too, so a new file cannot slip by.
untracked=$(git ls-files --others --exclude-standard -- . ':!vendor')
if [ -n "$untracked" ] && hits=$(echo "$untracked" | xargs -d '\n' grep -n -I -i -E "$pattern" /dev/null); then
  echo "These new files name the project's own development steps or issue numbers:" >&2
  echo "$hits" >&2
  exit 1
fi
