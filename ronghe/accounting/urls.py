from django.urls import path

from . import views
from . import views_subledger as sub

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
    path("general-ledger/", views.general_ledger_page, name="general-ledger"),
    path("journal/", views.journal_page, name="journal"),
    path("balance-sheet/", views.balance_sheet_page, name="balance-sheet"),
    path("income-statement/", views.income_statement_page, name="income-statement"),
    path("periods/", views.periods_page, name="periods"),
    path("periods/<int:pk>/<str:action>/", views.period_act, name="period-act"),
    path("accounts/", views.accounts_page, name="accounts"),
    path("invoices/", sub.invoice_list, name="invoice-list"),
    path("invoices/new/", sub.invoice_form, name="invoice-create"),
    path("invoices/<int:pk>/", sub.invoice_detail, name="invoice-detail"),
    path("invoices/<int:pk>/edit/", sub.invoice_form, name="invoice-edit"),
    path("invoices/<int:pk>/pdf/", sub.invoice_pdf, name="invoice-pdf"),
    path("invoices/<int:pk>/<str:action>/", sub.invoice_act, name="invoice-act"),
    path("payments/", sub.payment_list, name="payment-list"),
    path("payments/new/", sub.payment_form, name="payment-create"),
    path("payments/<int:pk>/", sub.payment_detail, name="payment-detail"),
    path("payments/<int:pk>/<str:action>/", sub.payment_act, name="payment-act"),
    path("bank-accounts/", sub.bank_accounts, name="bank-accounts"),
    path("bank-accounts/<int:pk>/", sub.bank_account_detail, name="bank-account"),
    path(
        "bank-accounts/<int:pk>/lines/<int:line_pk>/<str:action>/",
        sub.statement_line_act,
        name="statement-line-act",
    ),
    path(
        "bank-accounts/<int:pk>/auto-match/",
        sub.statement_line_act,
        {"line_pk": 0, "action": "auto"},
        name="auto-match",
    ),
    path("aging/", sub.aging_page, name="aging"),
    path("partner-statement/", sub.partner_statement_page, name="partner-statement"),
    path("cash-flow/", sub.cash_flow_page, name="cash-flow"),
]
