"""The version of Polemos (one place: the package, the API and the store report it)."""

__version__ = "0.1.0"
