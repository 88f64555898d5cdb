"""The web application: `verdeelwijzer serve` starts it; `maak_app()` builds it (tests, ASGI servers)."""

from verdeelwijzer.web.app import maak_app
from verdeelwijzer.web.instellingen import WebInstellingen

__all__ = ["WebInstellingen", "maak_app"]
