"""The reporting JSON API, mounted at /api/reporting/ (no language prefix)."""

from django.urls import path

from . import api

app_name = "reporting_api"

urlpatterns = [
    path("hotspots/", api.hotspots, name="hotspots"),
    path("hotspots.csv", api.hotspots_csv, name="hotspots_csv"),
    path("area-profile/", api.area_profile, name="area_profile"),
]
