// Admin map fields (portal/reporting/widgets.py): with no tile server configured, draw the
// partnership's own sketch map instead of asking for tiles, so the admin fetches nothing from a
// third party. Loaded after wagtailgeowidget's leaflet-field.js and before its controller.
(function () {
    "use strict";
    if (typeof window.LeafletField !== "function" || typeof window.L === "undefined") {
        return;
    }
    var originalInitMap = window.LeafletField.prototype.initMap;

    window.LeafletField.prototype.initMap = function (mapEl, defaultLocation) {
        if (this.tileLayer) {
            return originalInitMap.call(this, mapEl, defaultLocation);
        }
        var map = window.L.map(mapEl[0]).setView(defaultLocation, this.zoom);
        var overlay = this.sourceField.attr("data-portal-map-overlay");
        if (overlay) {
            try {
                overlay = JSON.parse(overlay);
                window.L.imageOverlay(overlay.url, overlay.bounds, { alt: overlay.alt }).addTo(map);
            } catch (error) {
                // A bad setting must not stop an editor typing a position.
            }
        }
        this.marker = window.L.marker(defaultLocation, { draggable: true }).addTo(map);
        this.map = map;
    };
})();
