"""What a stage did in one run: counts and the items it rejected, with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class StageReport:
    stage: str
    done: int = 0  # items processed and changed/stored
    unchanged: int = 0  # items already up to date
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (item, reason)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def reject(self, item: str, reason: str) -> None:
        self.rejected.append((item, reason))

    def summary(self) -> str:
        parts = [f"{self.stage}: {self.done} done", f"{self.unchanged} unchanged"]
        if self.rejected:
            parts.append(f"{len(self.rejected)} rejected")
        return ", ".join(parts)
