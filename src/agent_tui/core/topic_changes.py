"""Topic files created, renamed or deleted in the interface wait for the index they go with:
both are written on save, or both dropped on discard, so the disk never holds a renamed
file with a stale link, or a link to a file that was never made."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TopicChanges:
    created: dict[str, str] = field(default_factory=dict)  # new name -> its text
    renamed: dict[str, str] = field(default_factory=dict)  # new name -> name on disk
    deleted: set[str] = field(default_factory=set)  # names on disk

    def __len__(self) -> int:
        """How many topic files change (false when none does)."""
        return len(self.created) + len(self.renamed) + len(self.deleted)

    def clear(self) -> None:
        self.created.clear()
        self.renamed.clear()
        self.deleted.clear()

    def topics(self, on_disk: list[str]) -> list[str]:
        """The topic files as they will be after saving."""
        gone = self.deleted | set(self.renamed.values())
        return sorted({t for t in on_disk if t not in gone} | set(self.renamed) | set(self.created))

    def on_disk(self, topic: str) -> str | None:
        """The file on disk that holds `topic` now (None: it exists only in this change)."""
        if topic in self.created:
            return None
        return self.renamed.get(topic, topic)

    def state(self, topic: str) -> str | None:
        """`new`, `renamed from X`, or None for a file as it is on disk."""
        if topic in self.created:
            return "new"
        if topic in self.renamed:
            return f"renamed from {self.renamed[topic]}"
        return None

    def create(self, topic: str, text: str) -> None:
        self.created[topic] = text

    def rename(self, topic: str, new: str) -> None:
        if topic in self.created:
            self.created[new] = self.created.pop(topic)
            return
        original = self.renamed.pop(topic, topic)
        if original != new:
            self.renamed[new] = original

    def delete(self, topic: str) -> None:
        if self.created.pop(topic, None) is not None:
            return
        self.deleted.add(self.renamed.pop(topic, topic))

    def saved_new(self, topic: str) -> None:
        """A new topic was saved from its own editor: it is on disk now."""
        self.created.pop(topic, None)
