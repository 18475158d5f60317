"""wagtailgeowidget's Leaflet map field, with Leaflet served from our own static files.

The upstream widget loads Leaflet from unpkg.com and defaults to OpenStreetMap's tile servers; the
partnership's rule is that nothing is fetched from a third party. This subclass serves the
vendored Leaflet 1.9.4 (``static/vendor/leaflet/``), reads the tile server and its attribution
from the settings at render time (so a deployment, or a test, can change them), and when no tile
server is configured it shows the partnership's own sketch map instead of empty tiles. The
latitude/longitude box stays the way to type a position without using the map.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.templatetags.static import static
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.admin.telepath import register
from wagtailgeowidget.panels import LeafletPanel
from wagtailgeowidget.widgets import LeafletField, LeafletFieldAdapter

LEAFLET_JS = "vendor/leaflet/leaflet.js"
LEAFLET_CSS = "vendor/leaflet/leaflet.css"
OPTIONS_ATTR = "data-leaflet-field-options-value"
OVERLAY_ATTR = "data-portal-map-overlay"


def map_overlay() -> dict[str, Any] | None:
    """The sketch map drawn when there is no tile server, or None when it is not configured (or
    its file is missing from a manifest static storage, where ``static()`` would raise)."""
    image = getattr(settings, "MAP_OVERLAY_IMAGE", "")
    bounds = list(getattr(settings, "MAP_OVERLAY_BOUNDS", []) or [])
    if not image or len(bounds) != 4:
        return None
    try:
        url = static(image)
    except ValueError:
        return None
    south, west, north, east = bounds
    return {"url": url, "bounds": [[south, west], [north, east]], "alt": _("Sketch map of the borough")}


def tile_options() -> dict[str, Any]:
    """The tile server and its credit, read now rather than when wagtailgeowidget was imported.
    The upstream default credits OpenStreetMap (with a link to its site) whatever the tiles."""
    return {
        "tileLayer": getattr(settings, "GEO_WIDGET_LEAFLET_TILE_LAYER", "") or "",
        "tileLayerOptions": {"attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", "") or ""},
    }


class SelfHostedLeafletField(LeafletField):
    """LeafletField without any request to a third party."""

    def build_attrs(self, *args, **kwargs) -> dict[str, Any]:
        attrs = super().build_attrs(*args, **kwargs)
        raw = attrs.get(OPTIONS_ATTR)
        if raw is None:  # inside a StreamField block: telepath sets the widget up instead
            return attrs
        options = {**json.loads(raw), **tile_options()}
        attrs[OPTIONS_ATTR] = json.dumps(options)
        overlay = None if options["tileLayer"] else map_overlay()
        if overlay:
            attrs[OVERLAY_ATTR] = json.dumps(overlay)
        return attrs

    @cached_property
    def media(self) -> forms.Media:
        # Leaflet first: the Stimulus controller builds the map as soon as it is registered.
        return forms.Media(
            css={"all": (LEAFLET_CSS, "wagtailgeowidget/css/leaflet-field.css")},
            js=(
                LEAFLET_JS,
                "wagtailgeowidget/js/leaflet-field.js",
                "js/admin-leaflet-field.js",
                "wagtailgeowidget/js/leaflet-field-controller.js",
            ),
        )

    def render(self, name, value, attrs=None, renderer=None) -> str:
        """As upstream (the script finds the inputs by these ids and classes), but the box an
        editor types into has its own label and an example, since the map is not usable by
        everyone."""
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as error:
            raise TypeError("SelfHostedLeafletField cannot be rendered without an 'id' attribute") from error
        self.value_data = value
        hidden = forms.HiddenInput.render(self, name, value, attrs, renderer)
        classes = "leaflet-field-location"
        if self.hide_latlng:
            classes += " leaflet-field-location--hide"
        return format_html(
            '{hidden}<div class="input"><label class="w-field__label" for="{id}_latlng">{label}</label>'
            '<p class="help" id="{id}_latlng-help">{help}</p>'
            '<input id="{id}_latlng" class="{classes}" maxlength="250" type="text" inputmode="decimal" '
            'autocomplete="off" aria-describedby="{id}_latlng-help"></div>'
            '<div id="{id}_map" class="leaflet-field"></div>',
            hidden=hidden,
            id=id_,
            classes=classes,
            label=_("Latitude and longitude"),
            help=_("For example 51.5774, 0.1837. Typing here moves the pin; so does dragging the pin on the map."),
        )


class SelfHostedLeafletPanel(LeafletPanel):
    """LeafletPanel using :class:`SelfHostedLeafletField`."""

    def widget_overrides(self) -> dict[str, forms.Widget]:
        field = self.model._meta.get_field(self.field_name)
        return {
            self.field_name: SelfHostedLeafletField(
                address_field=self.address_field,
                zoom_field=self.zoom_field,
                hide_latlng=self.hide_latlng,
                zoom=self.zoom,
                srid=getattr(field, "srid", 4326),
                id_prefix="id_",
            )
        }


class SelfHostedLeafletFieldAdapter(LeafletFieldAdapter):
    """The telepath form of the widget (the admin serialises form widgets for its scripts) with
    the same tile settings, so the upstream OpenStreetMap defaults appear nowhere in the page."""

    def js_args(self, widget: SelfHostedLeafletField) -> list:
        *args, options = super().js_args(widget)
        return [*args, {**options, **tile_options()}]


register(SelfHostedLeafletFieldAdapter(), SelfHostedLeafletField)
