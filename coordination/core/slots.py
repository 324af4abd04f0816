"""Slots: where a workflow adds a section to a lower workflow's page, so that the lower one
never imports the higher. The meeting page (coordination.meetings) shows the minutes and
their decisions, which belong to coordination.follow_ups: the meetings package declares the
slot, the follow-ups package fills it when it is loaded (the app's ``ready``)."""

from __future__ import annotations

from collections.abc import Callable


class Slot:
    """A named place on a page that higher workflows fill with context."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._providers: list[Callable[..., dict]] = []

    def provide(self, provider: Callable[..., dict]) -> Callable[..., dict]:
        """Register ``provider`` (a decorator); it returns the context it adds."""
        if provider not in self._providers:
            self._providers.append(provider)
        return provider

    def collect(self, *args, **kwargs) -> dict:
        """The context of every provider, in the order they registered."""
        context: dict = {}
        for provider in self._providers:
            context.update(provider(*args, **kwargs))
        return context
