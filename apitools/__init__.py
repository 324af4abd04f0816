"""Helpers every app's API shares (parameters, the orjson renderer); it imports no app."""
