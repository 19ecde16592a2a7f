"""Every key of the main screen, declared once. The bindings, the key bar, the `?` help and
the command palette are all made from these rows, so they cannot disagree; a user's keymap
(config file, `[keys]`) rebinds a key by its id."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    id: str  # the binding id: what a keymap names
    key: str  # the default key(s), comma-separated
    action: str
    label: str  # short, for the key bar
    does: str  # one line for the help and the palette
    where: str = "outside text fields"
    title: str = ""  # the palette entry; empty: not in the palette
    bar: int = 0  # place in the key bar, 1 first; 0: not in the bar
    priority: bool = False  # also while a text field has focus
    bound: bool = True  # False: the widget's own key (the list's enter), listed in the help

    def shown(self, keymap: dict[str, str]) -> str:
        """The key as a person writes it, as the user's keymap (by binding id) has it."""
        return key_name(keymap.get(self.id, self.key))


# The main screen's keys. `app.` actions belong to the session (save, quit, help).
MAIN = (
    Key(
        "review",
        "r",
        "review",
        "Review",
        "review what git sees changed under `.claude/`: diff, stage, commit",
        title="Review changes",
        bar=1,
    ),
    Key(
        "search",
        "ctrl+f",
        "search",
        "Search",
        "search every agent and memory file; `enter` jumps to the line",
        title="Search",
        bar=2,
    ),
    Key(
        "new-agent",
        "ctrl+n",
        "new_agent",
        "New",
        "new agent, from a template",
        title="New agent",
        bar=3,
    ),
    Key(
        "save",
        "ctrl+s",
        "save",
        "Save",
        "save every changed file (atomically)",
        "anywhere",
        "Save",
        bar=4,
        priority=True,
    ),
    Key(
        "help",
        "question_mark",
        "app.help",
        "Help",
        "every key and mark",
        title="Keys and marks",
        bar=5,
    ),
    Key(
        "filter",
        "slash",
        "filter",
        "Filter",
        "filter agents as you type; `escape` clears it",
        title="Filter agents",
        bar=6,
    ),
    Key(
        "tab-agent",
        "1",
        "tab('agent')",
        "Agent",
        "the Agent tab: fields and prompt",
        title="Agent tab",
        bar=7,
    ),
    Key(
        "tab-memory",
        "2",
        "tab('memory')",
        "Memory",
        "the Memory tab: MEMORY.md, budget, topics",
        title="Memory tab",
        bar=8,
    ),
    Key(
        "tab-file",
        "3",
        "tab('file')",
        "File",
        "the File tab: the whole file as text",
        title="File tab",
        bar=9,
    ),
    Key(
        "agent-eye",
        "v",
        "agent_eye",
        "As agent",
        "what the agent sees: its prompt and the memory that loads",
        title="What the agent sees",
        bar=10,
    ),
    Key(
        "external-editor",
        "e",
        "external_editor",
        "$EDITOR",
        "open this tab's file in `$VISUAL` / `$EDITOR`, read it again after",
        title="Open in $EDITOR",
        bar=11,
    ),
    Key(
        "quit",
        "ctrl+q",
        "app.quit",
        "Quit",
        "quit (asks first when something is unsaved)",
        "anywhere",
        "Quit",
        bar=12,
        priority=True,
    ),
    Key(
        "preview",
        "ctrl+t",
        "toggle_preview",
        "Preview",
        "markdown preview instead of the editor",
        "memory or topic",
        "Toggle preview",
    ),
    Key(
        "move-out",
        "ctrl+o",
        "curate('move_out')",
        "Move out",
        "move the section at the cursor (or the selected lines) into a new topic file",
        "memory",
        "Move section to a topic file",
    ),
    Key(
        "fit-budget",
        "ctrl+b",
        "curate('fit')",
        "Fit",
        "fit the budget: the largest sections move out until the index loads whole",
        "memory",
        "Fit the budget",
    ),
    Key(
        "list-narrower",
        "left_square_bracket",
        "list_width(-4)",
        "Narrower",
        "the agents list narrower",
        title="Agents list narrower",
    ),
    Key(
        "list-wider",
        "right_square_bracket",
        "list_width(4)",
        "Wider",
        "the agents list wider",
        title="Agents list wider",
    ),
    Key(
        "list-hide",
        "backslash",
        "toggle_list",
        "Hide list",
        "hide or show the agents list",
        title="Hide or show the agents list",
    ),
    Key(
        "list-zoom",
        "z",
        "zoom_list",
        "Zoom list",
        "the agents list over the whole width, or back",
        title="Zoom the agents list",
    ),
    Key(
        "side-panels",
        "ctrl+g",
        "memory_panels",
        "Panels",
        "dropped entries and topic files, beside or under the editor, or hidden",
        "anywhere",
        "Show or hide the memory side panels",
    ),
    Key(
        "reload",
        "ctrl+r",
        "reload",
        "Reload",
        "re-read the workspace and the open agent (unsaved edits are kept)",
        "anywhere",
        "Reload from disk",
    ),
    Key(
        "focus-list",
        "escape",
        "back",
        "Agents",
        "clear the filter, else back to the agents list",
        "anywhere",
    ),
)

# Keys of the lists inside the main screen; bound by their widgets, listed in the help.
AGENT_LIST = (
    Key(
        "delete-agent",
        "delete",
        "delete_agent",
        "Delete agent",
        "delete the agent (asks what happens to its memory)",
        "agents list",
        "Delete agent",
    ),
)
TOPIC_LIST = (
    Key(
        "open-topic",
        "enter",
        "select",
        "Open",
        "open the topic file (a broken link: create it)",
        "topic list",
        bound=False,
    ),
    Key(
        "new-topic",
        "n",
        "new",
        "New topic",
        "new topic file, named in the index",
        "topic list",
        "New topic file",
    ),
    Key(
        "rename-topic",
        "f2",
        "rename",
        "Rename",
        "rename the topic file; its index links follow",
        "topic list",
        "Rename topic file",
    ),
    Key(
        "delete-topic",
        "delete",
        "delete",
        "Delete",
        "delete the topic file (asks; can remove the lines naming it)",
        "topic list",
        "Delete topic file",
    ),
    Key(
        "link-topic",
        "l",
        "link",
        "Link",
        "name an orphan topic in the index, where Claude Code loads it",
        "topic list",
        "Link topic into index",
    ),
    Key(
        "move-topic",
        "m",
        "move",
        "Move",
        "move the topic to another agent's memory or scope; both indexes follow",
        "topic list",
        "Move topic file to another agent",
    ),
)


def bindings(keys: tuple[Key, ...] | list[Key]) -> list[BindingType]:
    return [
        Binding(k.key, k.action, k.label, show=k.bar > 0, priority=k.priority, id=k.id)
        for k in keys
        if k.bound
    ]


def bar_order(keys: tuple[Key, ...]) -> list[Key]:
    """The keys of the bar, most important first."""
    return sorted((k for k in keys if k.bar), key=lambda k: k.bar)


SYMBOLS = {
    "question_mark": "?",
    "slash": "/",
    "backslash": "\\",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def key_name(key: str) -> str:
    """`ctrl+s`, `?`, `[`: a binding's first key as a person writes it."""
    first = key.split(",")[0].strip()
    return SYMBOLS.get(first, first)


def help_rows(keys: tuple[Key, ...], shown: dict[str, str]) -> str:
    """Markdown table rows; `shown`: each binding id's key as the user's keymap has it."""
    return "".join(
        f"| `{key_name(shown.get(k.id, k.key))}` | {k.where} | {k.does} |\n" for k in keys if k.does
    )


__all__ = [
    "AGENT_LIST",
    "MAIN",
    "TOPIC_LIST",
    "Key",
    "bar_order",
    "bindings",
    "help_rows",
    "key_name",
]
