from django.urls import path

from . import views

app_name = "crm"

urlpatterns = [
    path("pipeline/", views.pipeline, name="pipeline"),
    path("opportunities/", views.opportunity_list, name="opportunity-list"),
    path("opportunities/<int:pk>/", views.opportunity_detail, name="opportunity-detail"),
    path("opportunities/<int:pk>/move/", views.opportunity_move, name="opportunity-move"),
    path("opportunities/<int:pk>/quote/", views.opportunity_quote_form, name="opportunity-quote"),
    path("opportunities/<int:pk>/<str:action>/", views.opportunity_act, name="opportunity-act"),
    path("leads/", views.lead_list, name="lead-list"),
    path("leads/new/", views.lead_form, name="lead-create"),
    path("leads/import/", views.lead_import, name="lead-import"),
    path("leads/<int:pk>/", views.lead_detail, name="lead-detail"),
    path("leads/<int:pk>/<str:action>/", views.lead_act, name="lead-act"),
    path("followups/", views.followup_create, name="followup-create"),
    path("pool/", views.pool, name="pool"),
    path("reports/", views.reports_page, name="reports"),
    path("webform/", views.webform_snippet, name="webform-snippet"),
    path("webform/<str:key>/", views.webform, name="webform"),
    path("teams/", views.team_list, name="team-list"),
    path("teams/new/", views.team_form, name="team-create"),
    path("teams/default/", views.team_form, name="team-default"),
    path("teams/<int:pk>/", views.team_form, name="team-edit"),
    path("pool/<int:pk>/<str:action>/", views.pool_act, name="pool-act"),
]
