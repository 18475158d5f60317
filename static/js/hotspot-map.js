// The hotspot map in the admin (portal/reporting/map_views.py): a Leaflet map of the areas (H3
// cells) pupils have reported, fetched from /api/reporting/hotspots/ for the part of the borough in
// view and fetched again when the map moves. Everything it needs comes from data attributes on the
// map element; Leaflet is our own copy (static/vendor/leaflet). Without JavaScript the panel stays
// hidden and the table of areas on the same page says the same in words.
(function () {
    "use strict";

    var DEBOUNCE_MS = 300;
    var VIEW_PADDING = 0.1; // ask for a box a little larger than the screen, so edge cells are drawn

    function parse(value, fallback) {
        if (!value) {
            return fallback;
        }
        try {
            return JSON.parse(value);
        } catch (error) {
            return fallback;
        }
    }

    function format(template, values) {
        return String(template || "").replace(/\{(\w+)\}/g, function (match, name) {
            return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
        });
    }

    function bandFor(count, bands) {
        var band = 0;
        bands.forEach(function (low, index) {
            if (count >= low) {
                band = index + 1;
            }
        });
        return band;
    }

    function clamp(value, low, high) {
        return Math.min(high, Math.max(low, value));
    }

    function element(tag, className, text) {
        var node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text !== undefined) {
            node.textContent = text;
        }
        return node;
    }

    // The popup of one area: its reports, then its reports by worry, and the hidden worries in one
    // line (with a hidden worry every worry without a shown number is hidden, so listing them one
    // by one would only make the popup long).
    function popupContent(properties, labels) {
        var box = element("div", "hotspot-popup");
        var title =
            properties.count === 1 ? labels.reportsOne : format(labels.reportsOther, { count: properties.count });
        box.appendChild(element("p", "hotspot-popup__title", title));
        box.appendChild(element("p", "hotspot-popup__heading", labels.worriesHeading));
        var list = element("ul", "hotspot-popup__worries");
        var worries = labels.worries || {};
        var hidden = [];
        Object.keys(properties.categories || {}).forEach(function (slug) {
            var value = properties.categories[slug];
            if (value === 0) {
                return;
            }
            if (value === null) {
                hidden.push(worries[slug] || slug);
                return;
            }
            list.appendChild(element("li", "", (worries[slug] || slug) + ": " + String(value)));
        });
        if (hidden.length === 1) {
            list.appendChild(element("li", "", hidden[0] + ": " + labels.hidden));
        } else if (hidden.length > 1) {
            list.appendChild(element("li", "", format(labels.hiddenOther || "{count}: {hidden}", { count: hidden.length, hidden: labels.hidden })));
        }
        if (list.childNodes.length) {
            box.appendChild(list);
        } else {
            box.appendChild(element("p", "", labels.noWorries));
        }
        box.appendChild(element("p", "hotspot-popup__cell", format(labels.cell, { cell: properties.cell })));
        return box;
    }

    function firstError(body) {
        var errors = body && body.errors;
        if (!errors) {
            return "";
        }
        var names = Object.keys(errors);
        return names.length ? String(errors[names[0]]) : "";
    }

    function init(container) {
        var L = window.L;
        if (typeof L === "undefined" || typeof window.fetch !== "function" || typeof window.URLSearchParams !== "function") {
            return; // the table stays the only view, as without JavaScript
        }
        var panel = container.closest("[data-hotspot-map-panel]") || container.parentNode;
        var status = panel.querySelector("[data-hotspot-map-status]");
        var data = container.dataset;
        var labels = parse(data.labels, {});
        var filters = parse(data.filters, {});
        var bands = parse(data.bands, [1]);
        var bounds = parse(data.bounds, null);
        var start = parse(data.start, null);
        var overlay = parse(data.overlay, null);
        if (!bounds || !data.hotspotsUrl) {
            return;
        }
        panel.hidden = false; // before the map is built, so Leaflet can measure it

        var area = L.latLngBounds(bounds);
        var map = L.map(container, {
            minZoom: Number(data.minZoom) || 0,
            maxBounds: area.pad(0.5),
            keyboard: true,
        });
        if (data.tileUrl) {
            L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 19 }).addTo(map);
        } else if (overlay && overlay.url && overlay.bounds) {
            L.imageOverlay(overlay.url, overlay.bounds, { alt: overlay.alt || "" }).addTo(map);
        }
        map.fitBounds(start ? L.latLngBounds(start) : area);

        var layer = L.geoJSON(null, {
            style: function (feature) {
                return {
                    className: "hotspot-cell hotspot-band--" + bandFor(feature.properties.count, bands),
                    weight: 1,
                };
            },
            onEachFeature: function (feature, path) {
                path.bindPopup(function () {
                    return popupContent(feature.properties, labels);
                });
            },
        }).addTo(map);

        var timer = null;
        var controller = null;

        function say(text) {
            if (status) {
                status.textContent = text;
            }
        }

        function load() {
            if (controller) {
                controller.abort();
            }
            controller = typeof window.AbortController === "function" ? new window.AbortController() : null;
            var view = map.getBounds().pad(VIEW_PADDING);
            var west = clamp(view.getWest(), -180, 180);
            var east = clamp(view.getEast(), -180, 180);
            var south = clamp(view.getSouth(), -90, 90);
            var north = clamp(view.getNorth(), -90, 90);
            var params = new window.URLSearchParams(filters);
            params.set("bbox", [west, south, east, north].map(function (n) { return n.toFixed(5); }).join(","));
            params.set("zoom", String(Math.round(map.getZoom())));
            say(labels.loading);
            window
                .fetch(data.hotspotsUrl + "?" + params.toString(), {
                    credentials: "same-origin",
                    headers: { Accept: "application/geo+json, application/json" },
                    signal: controller ? controller.signal : undefined,
                })
                .then(function (response) {
                    return response.json().then(function (body) {
                        return { ok: response.ok, body: body };
                    });
                })
                .then(function (result) {
                    layer.clearLayers();
                    if (!result.ok) {
                        say(firstError(result.body) || labels.failed);
                        return;
                    }
                    layer.addData(result.body);
                    var count = (result.body.features || []).length;
                    var text =
                        count === 0 ? labels.none : count === 1 ? labels.shownOne : format(labels.shownOther, { count: count });
                    if (result.body.query && result.body.query.exact) {
                        text += " " + labels.exact;
                    } else if (count > 0 && labels.rounded) {
                        text += " " + labels.rounded;
                    }
                    say(text);
                })
                .catch(function (error) {
                    if (error && error.name === "AbortError") {
                        return;
                    }
                    say(labels.failed);
                });
        }

        map.on("moveend", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(load, DEBOUNCE_MS);
        });
        load();
    }

    function start() {
        Array.prototype.forEach.call(document.querySelectorAll("[data-hotspot-map]"), init);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
