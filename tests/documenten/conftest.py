"""The web app and API client fixtures of tests/web (function scope; the browser tests live in tests/web)."""

import pytest

pytest.importorskip("fastapi")

from tests.web.conftest import lokaal, lokale_app  # noqa: E402,F401
