"""URLs of the compliance dashboard and its exports, under /koordinasi/kepatuhan/."""

from django.urls import path

from coordination.compliance import views

urlpatterns = [
    path("kepatuhan/", views.compliance, name="compliance"),
    path("kepatuhan/ekspor.csv", views.compliance_csv, name="compliance-csv"),
    path("kepatuhan/ekspor.xlsx", views.compliance_xlsx, name="compliance-xlsx"),
]
