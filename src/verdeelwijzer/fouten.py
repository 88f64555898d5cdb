"""Errors with a Dutch message meant for the user (never a traceback)."""

from __future__ import annotations


class VerdeelwijzerFout(Exception):
    """Base for every error whose message is shown to the user as is (Dutch)."""


class InvoerFout(VerdeelwijzerFout):
    """Bad user input: a file, row, column or field that is not what was expected."""


class RegelFout(VerdeelwijzerFout):
    """A parameter file is invalid, or a parameter is read outside its validity."""


class VerdeelFout(VerdeelwijzerFout):
    """The allocation cannot be computed as asked (bad weights, infeasible caps, a tie, ...)."""
