"""The web fixtures (app, client, live server, Chromium) shared with tests/web."""

import pytest

pytest.importorskip("fastapi")

from tests.web.conftest import browser, live_lokaal, lokaal, lokale_app, pagina  # noqa: E402,F401
