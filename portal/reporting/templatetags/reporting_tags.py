from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template, or "" when absent."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def error_anchor(field) -> str:
    """Where an error-summary link for ``field`` should land: the first option of a group of
    radios or checkboxes, the input itself otherwise, and the page's heading for a field the
    pupil never sees (a map route)."""
    widget = field.field.widget
    if widget.is_hidden:
        return "main-content"
    if getattr(widget, "option_template_name", None) and getattr(widget, "input_type", "") in ("radio", "checkbox"):
        return f"{field.auto_id}_0"
    return field.auto_id
