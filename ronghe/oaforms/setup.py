"""The shipped request forms (请假, 报销, 出差, 用印, 采购申请, 通用审批) and their default approval flows."""

from ronghe.core.transactions import service_transaction
from ronghe.workflow.services import flow_save

from .models import FormTemplate
from .services import template_save


def L(zh, en):  # noqa: N802 - a bilingual label
    return {"zh-hans": zh, "en": en}


def opts(*pairs):
    return [{"value": v, "label": L(zh, en)} for v, zh, en in pairs]


TEMPLATES = [
    (
        "leave",
        L("请假", "Leave"),
        "calendar2-x",
        "人事",
        [
            {
                "key": "leave_type",
                "label": L("请假类型", "Leave type"),
                "type": "select",
                "required": True,
                "options": opts(
                    ("annual", "年假", "Annual leave"),
                    ("personal", "事假", "Personal leave"),
                    ("sick", "病假", "Sick leave"),
                    ("comp", "调休", "Time off in lieu"),
                    ("marriage", "婚假", "Marriage leave"),
                    ("maternity", "产假", "Maternity leave"),
                    ("bereavement", "丧假", "Bereavement leave"),
                ),
            },
            {"key": "period", "label": L("请假时间", "Period"), "type": "daterange", "required": True},
            {"key": "reason", "label": L("请假事由", "Reason"), "type": "textarea", "required": True},
            {"key": "files", "label": L("附件", "Attachments"), "type": "attachment"},
        ],
    ),
    (
        "expense",
        L("报销", "Expense claim"),
        "receipt",
        "财务",
        [
            {
                "key": "items",
                "label": L("费用明细", "Expenses"),
                "type": "table",
                "required": True,
                "columns": [
                    {
                        "key": "category",
                        "label": L("类别", "Category"),
                        "type": "select",
                        "required": True,
                        "options": opts(
                            ("travel", "交通", "Transport"),
                            ("hotel", "住宿", "Hotel"),
                            ("meal", "餐饮", "Meals"),
                            ("office", "办公", "Office"),
                            ("other", "其他", "Other"),
                        ),
                    },
                    {"key": "date", "label": L("日期", "Date"), "type": "date", "required": True},
                    {"key": "invoice_no", "label": L("发票号码", "Invoice number"), "type": "text"},
                    {
                        "key": "amount",
                        "label": L("金额", "Amount"),
                        "type": "amount",
                        "required": True,
                        "total": True,
                    },
                ],
            },
            {"key": "reason", "label": L("报销说明", "Description"), "type": "textarea", "required": True},
            {"key": "invoices", "label": L("发票附件", "Invoices"), "type": "attachment"},
        ],
    ),
    (
        "trip",
        L("出差", "Business trip"),
        "airplane",
        "人事",
        [
            {"key": "destination", "label": L("目的地", "Destination"), "type": "text", "required": True},
            {"key": "period", "label": L("出差时间", "Period"), "type": "daterange", "required": True},
            {
                "key": "transport",
                "label": L("交通方式", "Transport"),
                "type": "select",
                "required": True,
                "options": opts(
                    ("train", "火车", "Train"),
                    ("plane", "飞机", "Plane"),
                    ("car", "汽车", "Car"),
                    ("other", "其他", "Other"),
                ),
            },
            {"key": "budget", "label": L("预算金额", "Budget"), "type": "amount"},
            {"key": "customer", "label": L("拜访客户", "Customer visited"), "type": "partner"},
            {"key": "purpose", "label": L("出差事由", "Purpose"), "type": "textarea", "required": True},
        ],
    ),
    (
        "seal",
        L("用印", "Seal use"),
        "stamp",
        "行政",
        [
            {
                "key": "seal_type",
                "label": L("印章类型", "Seal"),
                "type": "select",
                "required": True,
                "options": opts(
                    ("company", "公章", "Company seal"),
                    ("contract", "合同章", "Contract seal"),
                    ("finance", "财务章", "Finance seal"),
                    ("legal", "法人章", "Legal representative seal"),
                ),
            },
            {"key": "document", "label": L("文件名称", "Document"), "type": "text", "required": True},
            {"key": "copies", "label": L("份数", "Copies"), "type": "number", "required": True},
            {"key": "purpose", "label": L("用途", "Purpose"), "type": "textarea", "required": True},
            {"key": "files", "label": L("文件附件", "Files"), "type": "attachment"},
        ],
    ),
    (
        "purchase_request",
        L("采购申请", "Purchase request"),
        "cart",
        "采购",
        [
            {
                "key": "items",
                "label": L("采购明细", "Items"),
                "type": "table",
                "required": True,
                "columns": [
                    {"key": "product", "label": L("商品", "Product"), "type": "product", "required": True},
                    {"key": "quantity", "label": L("数量", "Quantity"), "type": "number", "required": True},
                    {
                        "key": "price",
                        "label": L("预估单价", "Estimated price"),
                        "type": "amount",
                        "required": True,
                    },
                    {
                        "key": "amount",
                        "label": L("预估金额", "Estimated amount"),
                        "type": "amount",
                        "total": True,
                    },
                ],
            },
            {"key": "needed_by", "label": L("需求日期", "Needed by"), "type": "date", "required": True},
            {"key": "reason", "label": L("采购理由", "Reason"), "type": "textarea", "required": True},
        ],
    ),
    (
        "general",
        L("通用审批", "General request"),
        "ui-checks",
        "通用",
        [
            {"key": "subject", "label": L("申请事项", "Subject"), "type": "text", "required": True},
            {"key": "content", "label": L("详细说明", "Details"), "type": "textarea", "required": True},
            {"key": "amount", "label": L("涉及金额", "Amount involved"), "type": "amount"},
            {"key": "files", "label": L("附件", "Attachments"), "type": "attachment"},
        ],
    ),
]


def _node(key, name, rule, kind="approve", mode="sequential", deadline=None, **kw):
    return {
        "key": key,
        "name": name,
        "kind": kind,
        "mode": mode,
        "approvers": {"rule": rule, **kw},
        "deadline_hours": deadline,
    }


def default_flows():
    head = _node("head", "部门负责人", "dept_head", deadline=24)
    gm = _node("gm", "总经理", "role", role="general_manager", deadline=48)
    return {
        "leave": {
            "escalation": {"after_hours": 24, "to": "manager"},
            "branches": [
                {
                    "name": "超过3天",
                    "conditions": [{"field": "period_days", "op": ">", "value": 3}],
                    "nodes": [head, gm, _node("hr", "人事备案", "role", kind="cc", role="hr")],
                },
                {
                    "name": "默认",
                    "conditions": [],
                    "nodes": [head, _node("hr", "人事备案", "role", kind="cc", role="hr")],
                },
            ],
        },
        "expense": {
            "branches": [
                {
                    "name": "5000元及以上",
                    "conditions": [{"field": "items_amount_total", "op": ">=", "value": 5000}],
                    "nodes": [
                        head,
                        gm,
                        _node("acc", "会计审核", "role", role="accountant"),
                        _node("cash", "出纳付款", "role", kind="cc", role="cashier"),
                    ],
                },
                {
                    "name": "默认",
                    "conditions": [],
                    "nodes": [
                        head,
                        _node("acc", "会计审核", "role", role="accountant"),
                        _node("cash", "出纳付款", "role", kind="cc", role="cashier"),
                    ],
                },
            ]
        },
        "trip": {
            "branches": [
                {
                    "name": "默认",
                    "conditions": [],
                    "nodes": [head, _node("hr", "人事备案", "role", kind="cc", role="hr")],
                }
            ]
        },
        "seal": {"branches": [{"name": "默认", "conditions": [], "nodes": [head, gm]}]},
        "purchase_request": {
            "branches": [
                {
                    "name": "5万元及以上",
                    "conditions": [{"field": "items_amount_total", "op": ">=", "value": 50000}],
                    "nodes": [head, _node("pur", "采购确认", "role", role="purchaser"), gm],
                },
                {
                    "name": "默认",
                    "conditions": [],
                    "nodes": [head, _node("pur", "采购确认", "role", role="purchaser")],
                },
            ]
        },
        "general": {
            "branches": [
                {
                    "name": "默认",
                    "conditions": [],
                    "nodes": [_node("pick", "审批人（自选）", "self_select", mode="sequential")],
                }
            ]
        },
    }


@service_transaction
def install_default_templates(company, actor=None) -> list[FormTemplate]:
    """Create the shipped templates and their flows in a company (idempotent: existing ones are kept)."""
    flows = default_flows()
    made = []
    for i, (code, name, icon, category, fields) in enumerate(TEMPLATES):
        t = FormTemplate.objects.filter(company=company, code=code).first()
        if t is None:
            t = template_save(
                company=company,
                actor=actor,
                code=code,
                name=name["zh-hans"],
                name_en=name["en"],
                fields=fields,
                category=category,
                icon=icon,
            )
            t.sort_order = i
            t.save(update_fields=["sort_order"])
            flow_save(
                company=company,
                actor=actor,
                approvable_type=t.approvable_type,
                name=name["zh-hans"],
                spec=flows[code],
            )
        made.append(t)
    return made
