"""URLs of urgent decisions (Pasal 10) and take-overs (Kutai Kartanegara Pasal 14), under
/koordinasi/."""

from django.urls import path

from coordination.oversight import views

urlpatterns = [
    path("keputusan-mendesak/", views.urgent_list, name="urgent"),
    path("keputusan-mendesak/<int:pk>/lapor/", views.urgent_report, name="urgent-report"),
    path("keputusan-mendesak/<int:pk>/terima/", views.urgent_receive, name="urgent-receive"),
    path("pengambilalihan/", views.takeover_list, name="takeovers"),
    path("pengambilalihan/<int:pk>/akhiri/", views.takeover_end, name="takeover-end"),
]
