"""Bouwstenen voor VHP en huisvestingsverordening: documents per gemeente and for the region."""
