"""URLs of the minutes and the follow-ups they assign, under /koordinasi/: the notulen and
its files, each follow-up with its report and evidence, the Sekda's inbox, the dashboard."""

from django.urls import path

from coordination.follow_ups import minutes_views as minutes
from coordination.follow_ups import views

urlpatterns = [
    path("rapat/<int:pk>/notulen/", minutes.minutes, name="minutes"),
    path("notulen/berkas/<int:pk>/", minutes.minutes_document, name="minutes-document"),
    path("rapat/<int:pk>/notulen.pdf", views.minutes_pdf, name="minutes-pdf"),
    path("tindak-lanjut/", views.follow_up_list, name="follow-ups"),
    path("tindak-lanjut/<int:pk>/", views.follow_up_detail, name="follow-up"),
    path("tindak-lanjut/<int:pk>/laporan/", views.follow_up_report, name="follow-up-report"),
    path("tindak-lanjut/<int:pk>/status/", views.follow_up_transition, name="follow-up-status"),
    path("tindak-lanjut/<int:pk>/terima/", views.follow_up_receive, name="follow-up-receive"),
    path("bukti/<int:pk>/", views.evidence_download, name="evidence"),
    path("kotak-masuk-sekda/", views.sekda_inbox, name="inbox"),
    path("dasbor/", views.dashboard, name="dashboard"),
]
