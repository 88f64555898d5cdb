"""A bounded cache of computed results, keyed by the validated request and the data generation.

Pages, downloads, explanations and the JSON API of one distribution ask the engine the same question many
times (every htmx update, every explanation click, every client at a regional table); the answer depends
only on the validated settings and on the data loaded, so it is kept (least recently used out first).
The data generation (`GegevensToestand.generatie`) is part of the key: an upload makes every older
entry unreachable. Size 0 switches the cache off (for the benchmark's 'before' run)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Rekencache:
    def __init__(self, grootte: int) -> None:
        self.grootte = max(0, grootte)
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._slot = threading.Lock()
        self.treffers = 0
        self.missers = 0

    def haal(self, sleutel: Hashable, maak: Callable[[], T]) -> T:
        """The cached value for `sleutel`, else `maak()` (computed outside the lock; errors are not kept)."""
        if not self.grootte:
            return maak()
        with self._slot:
            if sleutel in self._items:
                self._items.move_to_end(sleutel)
                self.treffers += 1
                return self._items[sleutel]  # type: ignore[no-any-return]
            self.missers += 1
        waarde = maak()
        with self._slot:
            self._items[sleutel] = waarde
            self._items.move_to_end(sleutel)
            while len(self._items) > self.grootte:
                self._items.popitem(last=False)
        return waarde

    def leeg(self) -> None:
        with self._slot:
            self._items.clear()
