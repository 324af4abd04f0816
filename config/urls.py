"""Top-level URLs: pages, admin, the REST API under /api/v1/ and its documentation."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from config.api import router
from coordination.desk import views as coordination_home
from orgchart import views as orgchart_views
from orgchart.api_lampiran import LampiranFile
from regulations import views as regulations_views

admin.site.site_header = "Portal Koordinasi Pemerintah Daerah"
admin.site.site_title = "Portal Koordinasi"


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
    path("healthz", orgchart_views.healthz, name="healthz"),
    path("koordinasi/", include("coordination.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path(
        "api/v1/regions/<str:code>/lampiran/<str:name>",
        LampiranFile.as_view(),
        name="lampiran-file",
    ),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
