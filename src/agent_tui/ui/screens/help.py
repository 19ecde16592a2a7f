"""The `?` screen: every key, and what the marks in the lists mean."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from agent_tui.ui import keys

HELP = """\
# agent-tui keys

| key | where | does |
|---|---|---|
{keys}| `ctrl+p` | anywhere | command palette: every action, and themes |

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


def help_text(shown: dict[str, str]) -> str:
    """The help with each key as the user's keymap (`shown`, by binding id) has it."""
    rows = keys.help_rows(keys.MAIN + keys.AGENT_LIST + keys.TOPIC_LIST, shown)
    return HELP.replace("{keys}", rows)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close", id="close-help"),
    ]

    def __init__(self, shown: dict[str, str] | None = None) -> None:
        super().__init__()
        self.shown = shown or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Markdown(help_text(self.shown))
