"""Template filters that show the translated label of a kind or category code."""

from __future__ import annotations

from django import template

from orgchart.vocabulary import Category, UnitKind

register = template.Library()
_KINDS = dict(UnitKind.choices)
_CATEGORIES = dict(Category.choices)


@register.filter
def kind_label(code: str) -> str:
    return _KINDS.get(code, code)


@register.filter
def category_label(code: str | None) -> str:
    return _CATEGORIES.get(code, code or "")
