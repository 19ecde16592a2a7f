"""Saving from the interface: one file with the questions a save can raise (hard links, a
change on disk), and the memory index together with its topic file changes."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from textual.app import App

from agent_tui.core.topic_changes import TopicChanges
from agent_tui.io.atomic import HardLinked, SaveError
from agent_tui.io.document import ChangedOnDisk, OpenFile
from agent_tui.io.files import apply_topic_changes, finish_topic_changes
from agent_tui.ui.session import note_write, refuse_write


class Saved(Enum):
    SAVED = "saved"
    MERGED = "merged"  # your edits on top of a change made on disk
    RELOADED = "reloaded"  # you took the disk's version: the document holds it now
    CANCELLED = "cancelled"
    FAILED = "failed"  # the user was told why

    @property
    def written(self) -> bool:
        return self in (Saved.SAVED, Saved.MERGED)


async def _save_linked(app: App[Any], doc: OpenFile, text: str, linked: HardLinked) -> Saved:
    from agent_tui.ui.dialogs import ChoiceScreen  # dialogs: imported on first use

    answer = await app.push_screen_wait(
        ChoiceScreen(
            f"{doc.path.name} has other names (hard links)",
            f"{linked}. Save in place and every name shows your change, or save this name as "
            "a file of its own and the others keep the old text.",
            [
                ("cancel", "Cancel", "primary"),
                ("in-place", "Save for every name", "default"),
                ("separate", "Save this name only", "default"),
            ],
        )
    )
    if answer == "cancel":
        return Saved.CANCELLED
    doc.save(text, keep_links=answer == "in-place")
    return Saved.SAVED


async def _save_changed(
    app: App[Any], doc: OpenFile, text: str, merge: Callable[[str], str | None] | None
) -> Saved:
    from agent_tui.ui.dialogs import ConflictScreen

    disk = doc.disk_text()
    merged = merge(disk) if merge is not None and disk is not None else None
    answer = await app.push_screen_wait(
        ConflictScreen(doc.path.name, disk, text, can_merge=merged is not None)
    )
    if answer in ("reload", "merge"):
        reread = OpenFile.read(doc.path)
        doc.source, doc.problem = reread.source, reread.problem
    if answer == "reload":
        return Saved.RELOADED
    if answer == "merge" and merged is not None:
        text = merged
    elif answer != "overwrite":
        return Saved.CANCELLED
    doc.save(text, overwrite=answer == "overwrite")
    return Saved.MERGED if answer == "merge" else Saved.SAVED


async def save_document(
    app: App[Any], doc: OpenFile, text: str, merge: Callable[[str], str | None] | None = None
) -> Saved:
    """Save one file, asking when it has other names or changed on disk. `merge` turns the
    disk text into the disk text plus your edits (None when they clash)."""
    if refuse_write(app):
        return Saved.FAILED
    try:
        try:
            outcome = Saved.SAVED
            doc.save(text)
        except HardLinked as linked:
            outcome = await _save_linked(app, doc, text, linked)
        except ChangedOnDisk:
            outcome = await _save_changed(app, doc, text, merge)
    except (SaveError, ChangedOnDisk) as error:
        app.notify(str(error), title="Not saved", severity="error")
        return Saved.FAILED
    if outcome.written:
        note_write(app)
        if outcome is Saved.MERGED:
            app.notify(f"Saved {doc.path.name} with your edits on top of the change on disk")
        else:
            app.notify(f"Saved {doc.path.name}")
    return outcome


async def save_memory(
    app: App[Any], doc: OpenFile, text: str | None, changes: TopicChanges
) -> Saved:
    """The index and the topic files its edits go with, as one change: renamed and new topic
    files first, then the index, then deletions; when the index is not saved, the topic files
    are put back as they were."""
    folder = doc.path.parent
    try:
        undo = apply_topic_changes(folder, changes)
    except SaveError as error:
        app.notify(f"{error}; nothing was saved", title="Not saved", severity="error")
        return Saved.FAILED
    outcome = await save_document(app, doc, text) if text is not None else Saved.SAVED
    if not outcome.written:
        undo()
        return outcome
    for problem in finish_topic_changes(folder, changes):
        app.notify(problem, title="Not deleted", severity="warning")
    note_write(app)
    return outcome


__all__ = ["Saved", "save_document", "save_memory"]
