from django.urls import path

from . import views

app_name = "accounting"

urlpatterns = [
    path("vouchers/", views.voucher_list, name="voucher-list"),
    path("vouchers/new/", views.voucher_form, name="voucher-create"),
    path("vouchers/post-reviewed/", views.voucher_post_all, name="voucher-post-all"),
    path("vouchers/<int:pk>/", views.voucher_detail, name="voucher-detail"),
    path("vouchers/<int:pk>/edit/", views.voucher_form, name="voucher-edit"),
    path("vouchers/<int:pk>/print/", views.voucher_print, name="voucher-print"),
    path("vouchers/<int:pk>/<str:action>/", views.voucher_act, name="voucher-act"),
    path("trial-balance/", views.trial_balance_page, name="trial-balance"),
    path("ledger/", views.ledger_page, name="ledger"),
    path("balance-sheet/", views.balance_sheet_page, name="balance-sheet"),
    path("income-statement/", views.income_statement_page, name="income-statement"),
    path("periods/", views.periods_page, name="periods"),
    path("periods/<int:pk>/<str:action>/", views.period_act, name="period-act"),
    path("accounts/", views.accounts_page, name="accounts"),
]
