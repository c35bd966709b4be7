"""Demo company 示例科技有限公司, its roles and ten users. Idempotent: run it as often as you like."""

from django.contrib.auth.models import Permission
from django.db import transaction

from .models import Company, Role, RoleScope, Scope, User
from .services import membership_set
from .setup import ensure_base_data

DEMO_COMPANY_USCC = "91310115MA1H7GQX37"  # check digit valid, not a real company
DEMO_PASSWORD = "Ronghe@2026"

VIEW_ALL = [
    "partners.view_partner",
    "products.view_product",
    "org.view_department",
    "org.view_employee",
    "inventory.view_transfer",
    "inventory.view_stockmove",
    "accounting.view_voucher",
    "accounting.view_account",
    "accounting.view_invoice",
    "accounting.view_payment",
    "sales.view_salesorder",
    "crm.view_lead",
    "crm.view_opportunity",
    "crm.view_followup",
]
STOCK_ALL = [
    "inventory.view_transfer",
    "inventory.add_transfer",
    "inventory.change_transfer",
    "inventory.view_stockmove",
]

ACCOUNTING_ALL = [
    "accounting.view_voucher",
    "accounting.add_voucher",
    "accounting.change_voucher",
    "accounting.delete_voucher",
    "accounting.review_voucher",
    "accounting.post_voucher",
    "accounting.close_period",
    "accounting.view_account",
    "accounting.add_account",
    "accounting.view_invoice",
    "accounting.add_invoice",
    "accounting.change_invoice",
    "accounting.delete_invoice",
    "accounting.post_invoice",
    "accounting.view_payment",
    "accounting.add_payment",
    "accounting.delete_payment",
    "accounting.post_payment",
    "accounting.view_bankaccount",
    "accounting.add_bankaccount",
    "accounting.change_bankaccount",
    "sales.view_salesorder",
    "sales.change_salesorder",
    "purchasing.view_purchaseorder",
    "purchasing.change_purchaseorder",
    "org.view_department",
    "org.view_employee",
]

CRM_SALES = [
    "crm.view_lead",
    "crm.add_lead",
    "crm.change_lead",
    "crm.view_opportunity",
    "crm.add_opportunity",
    "crm.change_opportunity",
    "crm.view_followup",
    "crm.add_followup",
]

# code, name, default scope, permissions, per-model scope overrides
ROLES = [
    (
        "general_manager",
        "总经理",
        Scope.COMPANY,
        [*VIEW_ALL, "messaging.add_announcement", "messaging.delete_announcement"],
        {},
    ),
    (
        "sales_manager",
        "销售经理",
        Scope.DEPARTMENT_TREE,
        [
            "partners.view_partner",
            "partners.add_partner",
            "partners.change_partner",
            "products.view_product",
            "org.view_department",
            "org.view_employee",
            "inventory.view_transfer",
            "inventory.view_stockmove",
            "sales.view_salesorder",
            "sales.add_salesorder",
            "sales.change_salesorder",
            *CRM_SALES,
            "crm.manage_customers",
            "partners.merge_partner",
            "crm.view_salesteam",
            "crm.change_salesteam",
        ],
        {"products.product": Scope.COMPANY, "inventory.transfer": Scope.COMPANY},
    ),
    (
        "salesperson",
        "销售员",
        Scope.OWN,
        [
            "partners.view_partner",
            "partners.add_partner",
            "partners.change_partner",
            "products.view_product",
            "org.view_department",
            "sales.view_salesorder",
            "sales.add_salesorder",
            "sales.change_salesorder",
            *CRM_SALES,
        ],
        {"products.product": Scope.COMPANY, "org.department": Scope.COMPANY},
    ),
    (
        "purchaser",
        "采购员",
        Scope.COMPANY,
        [
            "partners.view_partner",
            "partners.add_partner",
            "partners.change_partner",
            "products.view_product",
            "products.add_product",
            "products.change_product",
            *STOCK_ALL,
            "purchasing.view_purchaseorder",
            "purchasing.add_purchaseorder",
            "purchasing.change_purchaseorder",
        ],
        {},
    ),
    (
        "warehouse",
        "仓管员",
        Scope.COMPANY,
        ["products.view_product", "products.change_product", "partners.view_partner", *STOCK_ALL],
        {},
    ),
    (
        "accountant",
        "会计",
        Scope.COMPANY,
        [
            "partners.view_partner",
            "products.view_product",
            "partners.change_partner",
            "inventory.view_transfer",
            "inventory.view_stockmove",
            *ACCOUNTING_ALL,
        ],
        {},
    ),
    (
        "cashier",
        "出纳",
        Scope.COMPANY,
        [
            "partners.view_partner",
            "accounting.view_voucher",
            "accounting.add_voucher",
            "accounting.change_voucher",
            "accounting.delete_voucher",
            "accounting.view_account",
            "accounting.view_invoice",
            "accounting.view_payment",
            "accounting.add_payment",
            "accounting.delete_payment",
            "accounting.post_payment",
            "accounting.view_bankaccount",
            "accounting.change_bankaccount",
        ],
        {},
    ),
    (
        "hr",
        "人事专员",
        Scope.COMPANY,
        [
            "org.view_department",
            "org.add_department",
            "org.change_department",
            "org.view_employee",
            "org.add_employee",
            "org.change_employee",
            "org.view_position",
            "org.add_position",
            "messaging.add_announcement",
        ],
        {},
    ),
]

# username, display name, role code (None = company administrator), e-mail
USERS = [
    ("admin", "系统管理员", None),
    ("zhangwei", "张伟", "general_manager"),
    ("lina", "李娜", "sales_manager"),
    ("wangfang", "王芳", "salesperson"),
    ("liuyang", "刘洋", "salesperson"),
    ("chenjing", "陈静", "purchaser"),
    ("zhaolei", "赵磊", "warehouse"),
    ("sunli", "孙丽", "accountant"),
    ("zhoumin", "周敏", "cashier"),
    ("wuxia", "吴霞", "hr"),
]


def demo_company() -> Company | None:
    return Company.objects.filter(uscc=DEMO_COMPANY_USCC).first()


def _perms(codes):
    perms = []
    for code in codes:
        app, codename = code.split(".")
        perm = Permission.objects.filter(content_type__app_label=app, codename=codename).first()
        if perm:
            perms.append(perm)
    return perms


@transaction.atomic
def load(company=None, stdout=None) -> Company:
    ensure_base_data()
    company = demo_company()
    if company is None:
        company = Company.objects.create(
            name="示例科技有限公司",
            name_en="Example Technology Co., Ltd.",
            uscc=DEMO_COMPANY_USCC,
            currency_id="CNY",
            address="上海市浦东新区张江路 88 号",
            phone="021-5080 1234",
            language="zh-hans",
        )
    roles = {}
    for code, name, scope, perm_codes, overrides in ROLES:
        role, _ = Role.objects.get_or_create(
            company=company, code=code, defaults={"name": name, "default_scope": scope}
        )
        role.permissions.set(_perms(perm_codes))
        for model, s in overrides.items():
            RoleScope.objects.update_or_create(role=role, model=model, defaults={"scope": s})
        roles[code] = role
    for username, display, role_code in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                display_name=display,
                email=f"{username}@example.cn",
                language="zh-hans",
                is_staff=role_code is None,
                is_superuser=role_code is None,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        membership_set(
            company=company,
            user=user,
            is_admin=role_code is None,
            roles=[roles[role_code]] if role_code else [],
        )
    return company
