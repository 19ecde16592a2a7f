"""The `?` screen: every key, and what the marks in the lists mean."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# agent-tui keys

| key | where | does |
|---|---|---|
| `/` | anywhere but a text field | filter agents as you type |
| `escape` | anywhere | back to the agents list |
| `1` `2` `3` | outside text fields | Agent, Memory, File tab |
| `ctrl+s` | anywhere | save every changed file (atomically) |
| `ctrl+t` | memory or topic | markdown preview instead of the editor |
| `v` | outside text fields | what the agent sees: its prompt and the memory that loads |
| `e` | outside text fields | open this tab's file in `$VISUAL` / `$EDITOR`, read it again after |
| `ctrl+f` | outside text fields | search every agent and memory file; `enter` jumps to the line |
| `ctrl+n` | outside text fields | new agent, from a template |
| `delete` | agents list | delete the agent (asks what happens to its memory) |
| `r` | outside text fields | review: what git sees changed under `.claude/`, stage, commit |
| `ctrl+r` | anywhere | re-read the workspace and the open agent (unsaved edits are kept) |
| `enter` | topic list | open the topic file (a broken link: create it) |
| `n` | topic list | new topic file, named in the index |
| `F2` | topic list | rename the topic file and update its index links |
| `delete` | topic list | delete the topic file (asks; can remove the lines naming it) |
| `l` | topic list | name an orphan topic in the index, where Claude Code loads it |
| `m` | topic list | move the topic to another agent's memory or scope; both indexes follow |
| `ctrl+o` | memory | move the section at the cursor (or the selected lines) into a new topic file |
| `ctrl+b` | memory | fit the budget: the largest sections move out until the index loads whole |
| `ctrl+p` | anywhere | command palette: every action, and themes |
| `ctrl+q` | anywhere | quit (asks first when something is unsaved) |

## Marks in the agents list

- `●` the agent's colour; `○` no colour set
- `123/200` lines of `MEMORY.md` Claude Code counts: green, gold when nearing the limit,
  orange when almost full, red when entries are already dropped
- a struck-through name and `✗`: Claude Code skips the file (the Agent tab says why)
- `✗` errors, `!` warnings from `agent-tui check`; `*` after the name: unsaved changes
- `⤓` shadowed: another file with the same name wins, so this one is not used
- `◌` a memory folder that no agent uses; `off`: the agent has a memory folder but no
  `memory:` key, so Claude Code does not load it

Topic files, index edits and the topic changes they imply (new, renamed, deleted) are one
change: `ctrl+s` writes them together, a discard drops them together.

## Review (`r`)

The list groups changed files under `.claude/` as git does: conflicted, staged, unstaged,
untracked, each with its status letter, its agent and its line counts. `enter` or `tab` moves
to the diff; there `n` / `p` step through hunks and `↑` `↓` move the cursor.

| key | in the list | in the diff |
|---|---|---|
| `space` | stage or unstage the file | stage or unstage the hunk under the cursor |
| `d` | discard the file's unstaged changes (asks) | discard the hunk (asks) |
| `c` | commit what is staged | the same |
| `s` / `w` | side by side or unified / soft wrap on or off | the same |
| `h` | | who added this line (blame), and the file's recent commits |
| `b` | review against a branch or commit, read-only (again: back) | the same |

Before a commit, staged lines are scanned for secrets (each must be confirmed or its file
unstaged) and conflict markers (they block); a `MEMORY.md` over budget and staged local memory
are warned about. `agent-tui review --base origin/main` opens a pull request's changes.

## Saving

When you save a file that changed on disk meanwhile, you choose: apply your field edits on top
of the change (when they do not clash), reload, keep yours, or see the difference first.

## Memory

Claude Code loads the first 200 lines or 25,000 characters of `MEMORY.md`. Lines past the cut are
dimmed, a red rule marks the last line that loads, and *Dropped at start-up* lists the index
entries that are lost. Topic files: `✓` linked, `○` orphan (no index line links it),
`✗` linked but missing.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close", id="close-help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Markdown(HELP)
