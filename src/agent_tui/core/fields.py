"""Frontmatter values as a person types them, and an agent file with unsaved field edits.

The form and `agent-tui set` both turn typed text into YAML values here. `AgentDraft` keeps
the edits apart from the text on disk, so an edit undone by hand leaves the file untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agent_tui.core.claude_yaml import YamlError, load_strict
from agent_tui.core.frontmatter import (
    EditError,
    flow_text,
    layout,
    remove_key,
    set_body,
    set_value,
)

# Keys whose value is always text, even when it looks like a number or a boolean.
TEXT_KEYS = frozenset(
    {
        "name",
        "description",
        "model",
        "color",
        "memory",
        "permissionMode",
        "effort",
        "isolation",
        "initialPrompt",
        "tools",
        "disallowedTools",
    }
)

# Text keys that may also be written as a YAML list.
LIST_KEYS = frozenset({"tools", "disallowedTools"})

# The documented keys the form shows as fields, in this order; the rest stay raw YAML.
FORM_KEYS = (
    "name",
    "description",
    "model",
    "color",
    "memory",
    "tools",
    "disallowedTools",
    "permissionMode",
    "effort",
    "isolation",
    "maxTurns",
    "background",
    "initialPrompt",
)


class BadValue(ValueError):
    """Typed text that is not a value for its key."""


def value_from_text(key: str, raw: str) -> Any:
    """The YAML value meant by `raw`: flow lists and maps parse, text keys stay text."""
    if key in TEXT_KEYS and key not in LIST_KEYS:
        return raw
    if raw.startswith(("[", "{")):
        try:
            return load_strict(raw)
        except YamlError as error:
            raise BadValue(f"not valid YAML flow text ({error})") from None
    if key in TEXT_KEYS:
        return raw
    try:
        value = load_strict(raw)
    except YamlError:
        return raw
    return value if isinstance(value, (bool, int, float)) or value is None else raw


def text_from_value(value: Any) -> str:
    """How a value is shown in a one-line field; `value_from_text` reads it back."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return flow_text(value)


def shown_description(value: str) -> tuple[str, bool]:
    """A description as shown for editing: literal `\\n` sequences become line breaks.

    Returns the text and whether it was written that way, so an edit can be saved back in
    the file's own form.
    """
    if "\\n" in value and "\n" not in value:
        return value.replace("\\n", "\n"), True
    return value, False


REMOVE = object()  # an edit that deletes the key
OTHER_KEYS = "other keys"  # where errors of the free YAML box are reported


@dataclass
class AgentDraft:
    """An agent file's text on disk plus field and body edits not yet saved."""

    base: str
    start: str = ""  # the text edits apply to: `base`, or the whole file as typed in raw view
    edits: dict[str, Any] = field(default_factory=dict)
    body: str | None = None
    errors: dict[str, str] = field(default_factory=dict)
    typed_keys: set[str] = field(default_factory=set)  # keys last set from the YAML box

    def __post_init__(self) -> None:
        self.start = self.start or self.base

    def replace_text(self, text: str) -> None:
        """The whole file typed by hand: it replaces every field and body edit."""
        self.start = text
        self.edits.clear()
        self.body = None
        self.errors.clear()
        self.typed_keys = set()

    def set_field(self, key: str, raw: str) -> None:
        """Record the text typed for `key`; an empty field removes the key."""
        self.errors.pop(key, None)
        if raw.strip() == "":
            self.edits[key] = REMOVE
            return
        try:
            self.edits[key] = value_from_text(key, raw)
        except BadValue as error:
            self.edits.pop(key, None)
            self.errors[key] = str(error)

    def set_other_keys(self, typed: str, shown: list[str]) -> None:
        """The keys without a field of their own, typed as YAML: each key is set, and the
        `shown` keys no longer there are removed. Keys whose value is unchanged stay
        byte for byte."""
        self.clear_other_keys(shown)
        try:
            value = load_strict(typed) if typed.strip() else {}
        except YamlError as error:
            self.errors[OTHER_KEYS] = f"not valid YAML ({error}); nothing from it is applied"
            return
        if not isinstance(value, dict):
            self.errors[OTHER_KEYS] = "write one `key: value` per line; nothing is applied"
            return
        with_fields = sorted(str(key) for key in value if str(key) in FORM_KEYS)
        if with_fields:
            self.errors[OTHER_KEYS] = f"edit {', '.join(with_fields)} in the fields above"
            return
        for key in shown:
            if key not in value:
                self.edits[key] = REMOVE
        for key, item in value.items():
            self.edits[str(key)] = item
        self.typed_keys = {str(key) for key in value}

    def clear_other_keys(self, shown: list[str]) -> None:
        for key in {*shown, *self.typed_keys}:
            self.edits.pop(key, None)
        self.typed_keys = set()
        self.errors.pop(OTHER_KEYS, None)

    def clear_field(self, key: str) -> None:
        """Forget any edit to `key`: the file's own lines stay as they are."""
        self.edits.pop(key, None)
        self.errors.pop(key, None)

    def text(self) -> str:
        """The file as it would be saved. Edits that fail are skipped and reported in errors."""
        text = self.start
        for key, value in self.edits.items():
            try:  # both leave the text as is when there is nothing to change
                text = remove_key(text, key) if value is REMOVE else set_value(text, key, value)
            except EditError as error:
                self.errors[key] = str(error)
        if self.body is not None and layout(text).body() != self.body:
            try:
                text = set_body(text, self.body)
            except EditError as error:
                self.errors["body"] = str(error)
        return text

    def rebased(self, disk_text: str) -> AgentDraft | None:
        """These edits applied to a newer text on disk, or None when they would clash.

        Field edits carry over (each replaces only its key's lines) unless the same key was
        changed on disk too: then both sides changed it and only a person can choose. A body
        edit carries over only when the body on disk is still the one it started from; an
        edit of the whole file never does.
        """
        if self.start != self.base:
            return None
        mine, theirs = layout(self.base), layout(disk_text)
        for key in self.edits:
            before, after = mine.entry(key), theirs.entry(key)
            before_text = mine.entry_text(before) if before else None
            after_text = theirs.entry_text(after) if after else None
            if before_text != after_text:
                return None
        if self.body is not None and layout(disk_text).body() != layout(self.base).body():
            return None
        return AgentDraft(disk_text, edits=dict(self.edits), body=self.body)

    @property
    def changed(self) -> bool:
        """True when saving would change the file on disk."""
        return self.text() != self.base
