from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("language/", views.set_language, name="set-language"),
    path("company/switch/", views.switch_company, name="switch-company"),
    path("settings/profile/", views.profile, name="profile"),
    path("settings/password/", views.password_change, name="password-change"),
    path("settings/tokens/", views.api_tokens, name="api-tokens"),
    path("settings/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api-token-revoke"),
    path("settings/audit/", views.audit_log, name="audit-log"),
    path("search/", views.search, name="search"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
]
