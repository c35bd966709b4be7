from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountingConfig(AppConfig):
    name = "ronghe.accounting"
    label = "accounting"
    verbose_name = _("Accounting")

    def ready(self):
        from ronghe.core.events import subscribe
        from ronghe.core.services import sequence_register

        for code, prefix in (
            ("accounting.invoice", "INV"),
            ("accounting.bill", "BILL"),
            ("accounting.invoice_refund", "RINV"),
            ("accounting.bill_refund", "RBIL"),
            ("accounting.receipt", "REC"),
            ("accounting.payment", "PAY"),
        ):
            sequence_register(code, prefix=prefix, reset="month")
        from ronghe.core.registry import register_demo, register_integrity_check
        from ronghe.inventory.events import StockMovesDone, StockValueAdjusted

        from . import demo, handlers, integrity

        subscribe(StockMovesDone, handlers.on_stock_moves_done, after_commit=False)
        subscribe(StockValueAdjusted, handlers.on_stock_value_adjusted, after_commit=False)
        from ronghe.partners.events import PartnersMerged
        from ronghe.partners.services import merge_handled_by_subscriber

        subscribe(PartnersMerged, handlers.on_partners_merged, after_commit=False)
        merge_handled_by_subscriber("accounting.accountbalance")
        register_integrity_check("vouchers balanced", integrity.check_vouchers)
        register_integrity_check("account balances", integrity.check_balances)
        register_demo(38, "accounting", demo.load)
        from ronghe.web.registry import DashboardCard, MenuItem, register_dashboard_card, register_menu

        from . import dashboard

        register_dashboard_card(
            DashboardCard("accounting.review", 15, dashboard.review_card, perm="accounting.view_voucher")
        )

        perm = "accounting.view_voucher"
        for order, label, url, icon, item_perm in (
            (1, _("Vouchers"), "accounting:voucher-list", "journal-text", perm),
            (2, _("Invoices"), "accounting:invoice-list", "receipt", "accounting.view_invoice"),
            (
                3,
                _("Receipts and payments"),
                "accounting:payment-list",
                "cash-coin",
                "accounting.view_payment",
            ),
            (4, _("Bank accounts"), "accounting:bank-accounts", "bank2", "accounting.view_bankaccount"),
            (5, _("Aging"), "accounting:aging", "hourglass-split", "accounting.view_invoice"),
            (
                6,
                _("Partner statement"),
                "accounting:partner-statement",
                "person-lines-fill",
                "accounting.view_invoice",
            ),
            (7, _("Trial balance"), "accounting:trial-balance", "table", perm),
            (8, _("General ledger"), "accounting:general-ledger", "journal-bookmark", perm),
            (8, _("Ledger"), "accounting:ledger", "book", perm),
            (8, _("Journal"), "accounting:journal", "list-ol", perm),
            (9, _("Balance sheet"), "accounting:balance-sheet", "bank", perm),
            (10, _("Income statement"), "accounting:income-statement", "graph-up", perm),
            (11, _("Cash-flow statement"), "accounting:cash-flow", "water", perm),
            (12, _("Periods"), "accounting:periods", "calendar-check", perm),
            (13, _("Chart of accounts"), "accounting:accounts", "list-columns", perm),
        ):
            register_menu(MenuItem("finance", label, url, icon=icon, perm=item_perm, order=order))
        from ronghe.web.registry import RecordPanel, register_panel

        from . import panels

        register_panel(
            RecordPanel(
                "accounting.invoices",
                "partners.partner",
                30,
                panels.partner_invoices,
                perm="accounting.view_invoice",
            )
        )
