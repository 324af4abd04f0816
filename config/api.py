"""The REST API's router: the public open-data endpoints and the coordination workflows
(authenticated) under /api/v1/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from coordination.api import ROUTES as COORDINATION_ROUTES
from orgchart.api import AffairViewSet, RegionViewSet, UnitViewSet
from regulations.api import RegulationViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("units", UnitViewSet, basename="unit")
router.register("regulations", RegulationViewSet, basename="regulation")
router.register("affairs", AffairViewSet, basename="affair")
for prefix, viewset, basename in COORDINATION_ROUTES:
    router.register(prefix, viewset, basename=basename)
