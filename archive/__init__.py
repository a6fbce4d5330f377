"""Searchable archive of Chinese local-government texts: core models, places, search."""

__version__ = "0.1.0"
