from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("records/", views.records, name="records"),
    path("folders/new/", views.root_folder_create, name="folder-create"),
    path("folders/<int:pk>/", views.folder, name="folder"),
    path("folders/<int:pk>/settings/", views.folder_settings, name="folder-settings"),
    path("folders/<int:pk>/<str:action>/", views.folder_act, name="folder-act"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/versions/<int:number>/", views.download, name="version"),
    path("<int:pk>/<str:action>/", views.document_act, name="document-act"),
    path("s/<str:token>/", views.shared, name="shared"),
]
