"""Top-level URLs: pages, admin, the REST API under /api/v1/ and its documentation."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from config.api import router
from config.health import Healthz, readyz
from coordination.desk import views as coordination_home
from orgchart import views as orgchart_views
from orgchart.api_flaws import RegionFlaws
from orgchart.api_lampiran import LampiranFile
from orgchart.views import account as account_views
from regulations import views as regulations_views

admin.site.site_header = "Portal Koordinasi Pemerintah Daerah"
admin.site.site_title = "Portal Koordinasi"

# The API documentation pages' only relaxation of the portal's policy: styles, never scripts.
API_DOCS_CSP = {"style-src": [UNSAFE_INLINE], "img-src": ["data:"], "worker-src": ["blob:"]}


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico whatever the page links to: send them to the icon."""
    return HttpResponseRedirect(static("favicon-32.png"))


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    # Each signed-in person's worklist (Beranda); anonymous visitors get the regions.
    path("", coordination_home.home, name="home"),
    # The public list of regions (open data).
    path("daerah/", orgchart_views.home, name="regions"),
    path("regions/<str:code>/", orgchart_views.region_page, name="region"),
    path("units/<int:pk>/", orgchart_views.unit_page, name="unit"),
    path("regulations/<int:pk>/", regulations_views.regulation_reader, name="regulation-reader"),
    path("search/", regulations_views.search, name="search"),
    path(
        "regions/<str:code>/lampiran/<str:chart>/",
        orgchart_views.lampiran_preview,
        name="lampiran-preview",
    ),
    path(
        "regions/<str:code>/lampiran/<str:chart>/pdf/",
        orgchart_views.lampiran_start,
        name="lampiran-start",
    ),
    path("lampiran/status/<str:task_id>/", orgchart_views.lampiran_status, name="lampiran-status"),
    path("healthz", Healthz.as_view(), name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("koordinasi/", include("coordination.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/logout/everywhere/", account_views.logout_everywhere, name="logout-everywhere"),
    path("accounts/tokens/", account_views.api_tokens, name="api-tokens"),
    path(
        "accounts/tokens/<int:pk>/revoke/",
        account_views.revoke_api_token,
        name="api-token-revoke",
    ),
    path("admin/", admin.site.urls),
    path(
        "api/v1/regions/<str:code>/lampiran/<str:name>",
        LampiranFile.as_view(),
        name="lampiran-file",
    ),
    path("api/v1/regions/<str:code>/flaws/", RegionFlaws.as_view(), name="region-flaws"),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's start script comes from the split view as its own file (no inline script);
    # Swagger UI and ReDoc still inject inline styles, data: icons and (ReDoc) a blob: worker.
    path(
        "api/docs/",
        csp_update(API_DOCS_CSP)(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path(
        "api/redoc/",
        csp_update(API_DOCS_CSP)(SpectacularRedocView.as_view(url_name="api-schema")),
        name="api-redoc",
    ),
]

# Under /api/ every error is JSON, like DRF's own; elsewhere Django's pages.
handler400 = "apitools.errors.bad_request"
handler403 = "apitools.errors.permission_denied"
handler404 = "apitools.errors.page_not_found"
handler500 = "apitools.errors.server_error"
