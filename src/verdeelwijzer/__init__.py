"""Verdeelwijzer: eerlijke verdeling van betaalbare woningen en urgente woningzoekenden over gemeenten."""

__version__ = "0.1.0"
