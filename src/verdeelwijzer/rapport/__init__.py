"""Outputs for people: Excel workbooks (and later PDF). No calculation lives here."""
