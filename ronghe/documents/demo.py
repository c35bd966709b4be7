"""Demo library: 公司制度 for everyone, 合同 edited by 销售部 and read by 财务部, 人事档案 for HR only (it does
not inherit), each with a few documents whose text is searchable — idempotent."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from ronghe.core.models import User
from ronghe.org.models import Department

from . import services
from .models import Folder, Level


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _file(name, content: bytes, mime):
    return SimpleUploadedFile(name, content, content_type=mime)


@transaction.atomic
def load(company, stdout=None):
    if Folder.objects.filter(company=company, owner__isnull=True).exists():
        return company
    admin = User.objects.get(username="admin")
    depts = {d.code: d for d in Department.objects.filter(company=company)}
    rules = services.folder_create(company=company, actor=admin, name="公司制度")
    services.grants_set(
        folder=rules, actor=admin, grants=[{"kind": "dept", "id": depts["GM"].pk, "level": Level.VIEW}]
    )
    contracts = services.folder_create(company=company, actor=admin, name="合同")
    services.grants_set(
        folder=contracts,
        actor=admin,
        grants=[
            {"kind": "dept", "id": depts["SALES"].pk, "level": Level.EDIT},
            {"kind": "dept", "id": depts["FIN"].pk, "level": Level.VIEW},
        ],
    )
    sales_contracts = services.folder_create(company=company, actor=admin, name="销售合同", parent=contracts)
    purchase = services.folder_create(company=company, actor=admin, name="采购合同", parent=contracts)
    services.grants_set(
        folder=purchase, actor=admin, grants=[{"kind": "dept", "id": depts["PUR"].pk, "level": Level.EDIT}]
    )
    hr = services.folder_create(company=company, actor=admin, name="人事档案", inherit=False)
    services.grants_set(
        folder=hr, actor=admin, grants=[{"kind": "dept", "id": depts["HR"].pk, "level": Level.MANAGE}]
    )
    txt = "text/plain"
    services.document_upload(
        folder=rules,
        actor=admin,
        file=_file(
            "员工手册.txt",
            "第一章 总则\n本手册适用于公司全体员工。考勤、请假与报销按本手册执行。".encode(),
            txt,
        ),
        description="2026 年版",
        tags="制度,人事",
    )
    services.document_upload(
        folder=rules,
        actor=admin,
        file=_file(
            "差旅报销标准.xlsx",
            _xlsx([["城市", "住宿标准（元/晚）"], ["北京", 500], ["上海", 500], ["其他", 350]]),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        tags="制度,报销",
    )
    lina = User.objects.get(username="lina")
    services.document_upload(
        folder=sales_contracts,
        actor=lina,
        file=_file(
            "天丰年度框架协议.txt",
            "甲方：北京天丰自动化有限公司\n乙方：示例科技有限公司\n本框架协议约定年度供货价格与付款方式。".encode(),
            txt,
        ),
        tags="框架协议",
    )
    chenjing = User.objects.get(username="chenjing")
    services.document_upload(
        folder=purchase,
        actor=chenjing,
        file=_file(
            "采购合同模板.txt", "采购合同\n买方、卖方、交货期、验收标准、付款条件、违约责任。".encode(), txt
        ),
        tags="模板",
    )
    wuxia = User.objects.get(username="wuxia")
    services.document_upload(
        folder=hr,
        actor=wuxia,
        file=_file("薪酬结构说明.txt", "岗位工资、绩效工资与年终奖的构成。".encode(), txt),
    )
    return company
