"""URLs of the written-report pages, under /koordinasi/laporan/."""

from django.urls import path

from coordination.reports import views

urlpatterns = [
    path("laporan/", views.report_list, name="reports"),
    path("laporan/mulai/", views.report_start, name="report-start"),
    path("laporan/kotak-masuk/", views.report_inbox, name="report-inbox"),
    path("laporan/<int:pk>/", views.report_detail, name="report"),
    path("laporan/<int:pk>/lampiran/", views.report_attach, name="report-attach"),
    path("laporan/<int:pk>/langkah/", views.report_act, name="report-act"),
    path("laporan/<int:pk>/kembalikan/", views.report_return, name="report-return"),
    path("laporan/<int:pk>/revisi/", views.report_revise, name="report-revise"),
    path("laporan/<int:pk>/laporan.pdf", views.report_pdf, name="report-pdf"),
    path("laporan/lampiran/<int:pk>/", views.report_attachment, name="report-attachment"),
    path(
        "laporan/lampiran/<int:pk>/hapus/",
        views.report_attachment_remove,
        name="report-attachment-remove",
    ),
]
