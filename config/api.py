"""The REST API's router: the public open-data endpoints under /api/v1/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from orgchart.api import AffairViewSet, RegionViewSet, UnitViewSet
from regulations.api import RegulationViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("units", UnitViewSet, basename="unit")
router.register("regulations", RegulationViewSet, basename="regulation")
router.register("affairs", AffairViewSet, basename="affair")
