"""Reuse the web tests' live server and browser fixtures (Playwright + /usr/bin/chromium)."""

from web.conftest import browser, live_lokaal, pagina  # noqa: F401
