"""Where a figure comes from: every number shown or exported carries one of these."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

BronSoort = Literal["officieel", "schatting", "eigen invoer"]


@dataclass(frozen=True)
class Bron:
    """Source of one figure (or one column of figures).

    `label` is human-readable (e.g. "CBS Kerncijfers wijken en buurten 2024 (85984NED)"),
    `peildatum` the reference date as ISO string or year, `soort` says whether it is an official
    figure, an estimate or the user's own input.
    """

    label: str
    peildatum: str
    soort: BronSoort = "officieel"

    def kort(self) -> str:
        extra = "" if self.soort == "officieel" else f", {self.soort}"
        return f"{self.label} (peildatum {self.peildatum}{extra})"

    def als_dict(self) -> dict[str, str]:
        return asdict(self)
