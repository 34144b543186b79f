"""The browser fixtures of tests/support/browser.py, for every module here."""

from tests.support.browser import browser, demo, hostile, page

__all__ = ["browser", "demo", "hostile", "page"]
