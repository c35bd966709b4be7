"""Demo customers and suppliers with Chinese names (idempotent)."""

import random
from decimal import Decimal

from django.db import transaction

from ronghe.core.models import Company, User
from ronghe.core.services import sequence_next
from ronghe.core.validators import USCC_ALPHABET, normalize_phone, uscc_check_char

from .dedupe import name_key
from .models import Partner, PartnerBankAccount, PartnerKind, PartnerTag, PaymentTerm

CITIES = [
    ("上海市", "上海市", "浦东新区"),
    ("北京市", "北京市", "海淀区"),
    ("广东省", "深圳市", "南山区"),
    ("广东省", "广州市", "天河区"),
    ("浙江省", "杭州市", "西湖区"),
    ("江苏省", "苏州市", "工业园区"),
    ("江苏省", "南京市", "鼓楼区"),
    ("四川省", "成都市", "高新区"),
    ("湖北省", "武汉市", "洪山区"),
    ("山东省", "青岛市", "崂山区"),
]
PREFIX = [
    "华",
    "东",
    "联",
    "瑞",
    "恒",
    "泰",
    "嘉",
    "博",
    "创",
    "鑫",
    "宏",
    "达",
    "远",
    "新",
    "金",
    "正",
    "天",
    "盛",
]
MIDDLE = ["信", "科", "源", "丰", "业", "通", "锐", "智", "德", "诚", "和", "安", "美", "晟", "邦", "宇"]
CUSTOMER_TRADE = ["电子", "科技", "贸易", "机械", "医疗器械", "自动化", "软件", "建材", "物流", "食品"]
SUPPLIER_TRADE = ["五金", "包装材料", "电子元件", "钢材", "塑胶", "化工", "印刷", "精密零件"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "秀英",
    "建华",
    "海燕",
    "志强",
]
STREETS = ["科技路", "创新大道", "人民路", "中山路", "建设路", "解放路", "长江路", "和平街"]
TITLES = ["采购经理", "总经理", "财务主管", "技术总监", "行政主管"]


def demo_uscc(rng: random.Random) -> str:
    body = "91" + f"{rng.randint(110000, 659999)}" + "".join(rng.choice(USCC_ALPHABET[:31]) for _ in range(9))
    return body + uscc_check_char(body)


def company_name(rng, city, trade):
    return f"{city[1].removesuffix('市')}{rng.choice(PREFIX)}{rng.choice(MIDDLE)}{trade}有限公司"


@transaction.atomic
def load(company: Company, stdout=None, customers: int = 50, suppliers: int = 20) -> Company:
    if Partner.objects.filter(company=company).exists():
        return company
    rng = random.Random(2026)
    terms = {}
    for name, days in [("现结", 0), ("月结30天", 30), ("月结60天", 60), ("预付款", 0)]:
        terms[name], _ = PaymentTerm.objects.get_or_create(
            company=company, name=name, defaults={"days": days}
        )
    tags = {}
    for name, color in [
        ("重点客户", "danger"),
        ("新客户", "success"),
        ("政府项目", "primary"),
        ("战略供应商", "warning"),
    ]:
        tags[name], _ = PartnerTag.objects.get_or_create(
            company=company, name=name, defaults={"color": color}
        )
    sales = {u.username: u for u in User.objects.filter(username__in=["lina", "wangfang", "liuyang"])}
    purchaser = User.objects.filter(username="chenjing").first()
    used = set()

    def make(is_customer: bool, owner):
        city = rng.choice(CITIES)
        trade = rng.choice(CUSTOMER_TRADE if is_customer else SUPPLIER_TRADE)
        name = company_name(rng, city, trade)
        while name in used:
            name = company_name(rng, city, trade)
        used.add(name)
        mobile = f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}"
        p = Partner.objects.create(
            company=company,
            kind=PartnerKind.ORGANISATION,
            code=sequence_next(company=company, code="partners.partner"),
            name=name,
            short_name=name[:6],
            is_customer=is_customer,
            is_supplier=not is_customer,
            tax_id=demo_uscc(rng),
            phone=f"0{rng.randint(20, 29)}-{rng.randint(50000000, 89999999)}",
            mobile=mobile,
            phone_norm=normalize_phone(mobile),
            name_key=name_key(name),
            email=f"contact{len(used)}@example.cn",
            province=city[0],
            city=city[1],
            district=city[2],
            street=f"{rng.choice(STREETS)}{rng.randint(1, 999)}号",
            owner=owner,
            payment_term=rng.choice(list(terms.values())),
            credit_limit=Decimal(rng.choice([0, 50000, 100000, 200000, 500000])),
            currency_id="CNY",
        )
        if is_customer and rng.random() < 0.3:
            p.tags.add(rng.choice([tags["重点客户"], tags["新客户"], tags["政府项目"]]))
        if not is_customer and rng.random() < 0.3:
            p.tags.add(tags["战略供应商"])
        PartnerBankAccount.objects.create(
            partner=p,
            bank_name=rng.choice(["中国工商银行", "招商银行", "中国建设银行", "交通银行"]),
            account_name=name,
            account_number=str(rng.randint(10**15, 10**16 - 1)),
            is_default=True,
        )
        for _i in range(rng.randint(1, 2)):
            cname = rng.choice(SURNAMES) + rng.choice(GIVEN)
            cm = f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}"
            Partner.objects.create(
                company=company,
                kind=PartnerKind.INDIVIDUAL,
                code=sequence_next(company=company, code="partners.partner"),
                name=cname,
                parent=p,
                job_title=rng.choice(TITLES),
                mobile=cm,
                phone_norm=normalize_phone(cm),
                name_key=name_key(cname),
                email=f"c{rng.randint(1000, 9999)}@example.cn",
                owner=owner,
            )
        return p

    owners = [sales.get("wangfang"), sales.get("liuyang"), sales.get("lina")]
    for i in range(customers):
        make(True, owners[i % len(owners)])
    for _i in range(suppliers):
        make(False, purchaser)
    return company
