/* The pupils' report form. Everything here is an extra: without JavaScript a pupil types a
   postcode or describes the place, chooses a part of the school from the list, and sees every
   question at once. Leaflet is served from this site (static/vendor/leaflet); map tiles come only
   from the configured tile server, or the partnership's own sketch map is drawn instead. */
(function () {
  "use strict";

  function numbers(text) {
    return (text || "").split(",").map(function (part) { return parseFloat(part); });
  }

  /* "Your first name" and "Your class" show only after choosing yes. */
  function initReveal(block) {
    var rule = block.getAttribute("data-reveal-when").split("=");
    var radios = document.querySelectorAll('input[name="' + rule[0] + '"]');
    function update() {
      var chosen = document.querySelector('input[name="' + rule[0] + '"]:checked');
      block.setAttribute("data-hidden", chosen && chosen.value === rule[1] ? "false" : "true");
    }
    Array.prototype.forEach.call(radios, function (radio) { radio.addEventListener("change", update); });
    update();
  }

  function initMap(container) {
    if (!window.L) { return; }
    var L = window.L;
    var canvas = container.querySelector("[data-report-map-canvas]");
    var status = container.querySelector("[data-map-status]");
    var latInput = document.getElementById(container.getAttribute("data-lat-input"));
    var lngInput = document.getElementById(container.getAttribute("data-lng-input"));
    var routeInput = document.getElementById(container.getAttribute("data-route-input"));
    var routeMode = container.getAttribute("data-mode") === "route";
    var centre = numbers(container.getAttribute("data-centre"));
    var b = numbers(container.getAttribute("data-bounds"));
    var limits = L.latLngBounds([b[0], b[1]], [b[2], b[3]]);

    container.hidden = false;
    var heading = document.querySelector("[data-map-fallback-heading]");
    if (heading) { heading.textContent = heading.getAttribute("data-with-map") || heading.textContent; }

    var map = L.map(canvas, { maxBounds: limits.pad(0.05), minZoom: 12, maxZoom: 18, keyboard: true });
    var tileUrl = container.getAttribute("data-tile-url");
    var overlayUrl = container.getAttribute("data-overlay-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, { maxZoom: 18, attribution: container.getAttribute("data-attribution") || "" }).addTo(map);
    } else if (overlayUrl) {
      var o = numbers(container.getAttribute("data-overlay-bounds"));
      L.imageOverlay(overlayUrl, [[o[0], o[1]], [o[2], o[3]]], { alt: "" }).addTo(map);
    }
    map.setView(centre, 15);

    var marker = null;
    var line = L.polyline([], { color: "#b10e1e", weight: 6 }).addTo(map);
    var drawing = false;

    function say(text) { status.textContent = text; }
    function msg(name, fallback) { return container.getAttribute("data-msg-" + name) || fallback; }
    function setPin(latlng) {
      if (!limits.contains(latlng)) { say(msg("outside", "That is outside the area this form covers.")); return; }
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng, { keyboard: false }).addTo(map); }
      latInput.value = latlng.lat.toFixed(6);
      lngInput.value = latlng.lng.toFixed(6);
      say(msg("pin", "Pin placed."));
    }
    function saveRoute() {
      if (!routeInput) { return; }
      var points = line.getLatLngs().map(function (p) { return [+p.lat.toFixed(6), +p.lng.toFixed(6)]; });
      routeInput.value = points.length ? JSON.stringify(points) : "";
      var undo = container.querySelector("[data-map-undo]");
      if (undo) { undo.hidden = points.length === 0; }
    }
    function addRoutePoint(latlng) {
      if (!limits.contains(latlng)) { say(msg("outside", "That is outside the area this form covers.")); return; }
      line.addLatLng(latlng);
      saveRoute();
      say(msg("point", "Points so far:") + " " + line.getLatLngs().length);
    }
    function clearAll() {
      if (marker) { map.removeLayer(marker); marker = null; }
      latInput.value = ""; lngInput.value = "";
      line.setLatLngs([]); saveRoute();
      say(msg("clear", "The map is clear."));
    }

    /* Put back what was chosen before (the centres of the areas kept, not the exact taps). */
    if (latInput.value && lngInput.value) {
      setPin(L.latLng(parseFloat(latInput.value), parseFloat(lngInput.value)));
      map.setView(marker.getLatLng(), 16);
    }
    if (routeInput && routeInput.value) {
      try {
        JSON.parse(routeInput.value).forEach(function (p) { line.addLatLng(p); });
        saveRoute();
        if (line.getLatLngs().length) { map.fitBounds(line.getBounds().pad(0.3)); }
      } catch (e) { routeInput.value = ""; }
    }

    map.on("click", function (event) {
      if (drawing) { addRoutePoint(event.latlng); } else { setPin(event.latlng); }
    });
    container.querySelector("[data-map-pin-centre]").addEventListener("click", function () {
      drawing = false; setPin(map.getCenter());
    });
    container.querySelector("[data-map-clear]").addEventListener("click", clearAll);
    var toggle = container.querySelector("[data-map-route-toggle]");
    if (toggle && routeMode) {
      var add = container.querySelector("[data-map-route-add]");
      var undo = container.querySelector("[data-map-undo]");
      toggle.addEventListener("click", function () {
        drawing = !drawing;
        toggle.setAttribute("aria-pressed", drawing ? "true" : "false");
        add.hidden = !drawing;
        if (drawing && marker) { map.removeLayer(marker); marker = null; latInput.value = ""; lngInput.value = ""; }
        say(drawing ? msg("drawing", "Drawing your route.") : msg("stopped", "Stopped drawing."));
      });
      add.addEventListener("click", function () { addRoutePoint(map.getCenter()); });
      undo.addEventListener("click", function () {
        var points = line.getLatLngs(); points.pop(); line.setLatLngs(points); saveRoute();
        say(msg("undo", "Last point removed."));
      });
    }
  }

  /* Tap (or use the arrow keys and Enter) on the school's site plan. */
  function initSitePlan(block) {
    var frame = block.querySelector("[data-site-plan-frame]");
    var markerEl = block.querySelector("[data-site-plan-marker]");
    var statusEl = block.querySelector("[data-site-plan-status]");
    var clear = block.querySelector("[data-site-plan-clear]");
    var form = block.closest("form");
    var x = form.querySelector('input[name$="plan_x"]');
    var y = form.querySelector('input[name$="plan_y"]');
    var cursor = { x: 50, y: 50 };
    function show(px, py, placed) {
      markerEl.hidden = false;
      markerEl.style.left = px + "%";
      markerEl.style.top = py + "%";
      if (placed) {
        x.value = Math.round(px); y.value = Math.round(py);
        statusEl.textContent = block.getAttribute("data-msg-chosen") || "";
        clear.hidden = false;
      }
    }
    if (x.value && y.value) { cursor = { x: +x.value, y: +y.value }; show(cursor.x, cursor.y, true); }
    frame.addEventListener("click", function (event) {
      var box = frame.getBoundingClientRect();
      cursor = { x: (event.clientX - box.left) / box.width * 100, y: (event.clientY - box.top) / box.height * 100 };
      show(cursor.x, cursor.y, true);
    });
    frame.addEventListener("keydown", function (event) {
      var moves = { ArrowLeft: [-5, 0], ArrowRight: [5, 0], ArrowUp: [0, -5], ArrowDown: [0, 5] };
      if (moves[event.key]) {
        event.preventDefault();
        cursor.x = Math.min(100, Math.max(0, cursor.x + moves[event.key][0]));
        cursor.y = Math.min(100, Math.max(0, cursor.y + moves[event.key][1]));
        show(cursor.x, cursor.y, false);
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        show(cursor.x, cursor.y, true);
      }
    });
    clear.addEventListener("click", function () {
      x.value = ""; y.value = ""; markerEl.hidden = true; clear.hidden = true;
      statusEl.textContent = block.getAttribute("data-msg-removed") || "";
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-reveal-when]"), initReveal);
    Array.prototype.forEach.call(document.querySelectorAll("[data-report-map]"), initMap);
    Array.prototype.forEach.call(document.querySelectorAll("[data-site-plan]"), initSitePlan);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
