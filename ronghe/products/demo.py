"""Demo product catalogue: 100 products with Chinese names (idempotent)."""

import random
from decimal import Decimal

from django.db import transaction

from ronghe.core.models import Company, Unit

from .models import Product, ProductCategory, ProductType, Tracking

# category, code prefix, unit, vat, items: (name, spec, base price)
CATALOGUE = [
    (
        "电子产品",
        "EL",
        "set",
        "0.13",
        [
            ("工业平板电脑", "10.1英寸", 3200),
            ("触摸显示器", "21.5英寸", 1450),
            ("嵌入式主板", "ARM A53", 680),
            ("工控机", "i5/8G/256G", 4800),
            ("条码扫描枪", "二维有线", 260),
            ("热敏标签打印机", "203dpi", 980),
        ],
    ),
    (
        "网络设备",
        "NW",
        "set",
        "0.13",
        [
            ("千兆交换机", "24口", 1280),
            ("无线路由器", "Wi-Fi 6", 420),
            ("光纤收发器", "单模", 160),
            ("工业网关", "4G/5G", 1650),
        ],
    ),
    (
        "传感器",
        "SN",
        "pcs",
        "0.13",
        [
            ("温湿度传感器", "RS485", 185),
            ("压力变送器", "0-1MPa", 520),
            ("光电开关", "漫反射", 45),
            ("接近开关", "M12", 38),
            ("流量计", "DN50", 2300),
        ],
    ),
    (
        "五金配件",
        "HW",
        "pcs",
        "0.13",
        [
            ("不锈钢螺栓", "M8×30", 0.8),
            ("六角螺母", "M8", 0.2),
            ("平垫圈", "M8", 0.1),
            ("铝型材", "4040", 36),
            ("角码", "40系列", 3.5),
        ],
    ),
    (
        "包装材料",
        "PK",
        "box",
        "0.13",
        [("瓦楞纸箱", "60×40×40", 96), ("气泡膜", "1.2米宽", 58), ("封箱胶带", "48mm", 45)],
    ),
    (
        "办公耗材",
        "OF",
        "pack",
        "0.13",
        [("A4复印纸", "70g 500张", 26), ("硒鼓", "HP 88A", 168), ("签字笔", "0.5mm 12支", 18)],
    ),
    (
        "技术服务",
        "SV",
        "hour",
        "0.06",
        [
            ("安装调试服务", "现场", 300),
            ("软件定制开发", "人天计", 1200),
            ("年度维保服务", "标准版", 8000),
            ("技术培训", "2小时", 600),
        ],
    ),
]
COLOURS = ["黑色", "白色", "银色", "蓝色"]


@transaction.atomic
def load(company: Company, stdout=None, count: int = 100) -> Company:
    if Product.objects.filter(company=company).exists():
        return company
    rng = random.Random(7)
    units = {u.code: u for u in Unit.objects.all()}
    root, _ = ProductCategory.objects.get_or_create(
        company=company, name="全部商品", parent=None, defaults={"code": "ALL"}
    )
    cats = {}
    for i, (name, _prefix, _u, _v, _items) in enumerate(CATALOGUE):
        cats[name], _ = ProductCategory.objects.get_or_create(
            company=company, name=name, parent=root, defaults={"code": f"{i + 1:02d}"}
        )
    products = []
    n = 0
    while len(products) < count:
        for cat, prefix, unit, vat, items in CATALOGUE:
            for name, spec, price in items:
                if len(products) >= count:
                    break
                n += 1
                variant = n // 35
                full_name = name if variant == 0 else f"{name}（{COLOURS[variant % len(COLOURS)]}）"
                service = prefix == "SV"
                sale = Decimal(str(price)) * (1 + Decimal(variant) / 10)
                products.append(
                    Product(
                        company=company,
                        code=f"{prefix}{n:04d}",
                        name=full_name,
                        spec=spec,
                        category=cats[cat],
                        type=ProductType.SERVICE if service else ProductType.GOODS,
                        uom=units[unit],
                        sale_uom=units[unit],
                        purchase_uom=units[unit],
                        barcode="" if service else f"69{rng.randint(10**10, 10**11 - 1)}",
                        sale_price=sale.quantize(Decimal("0.01")),
                        cost=(sale * Decimal("0.62")).quantize(Decimal("0.01")),
                        vat_rate=Decimal(vat),
                        tracking=Tracking.SERIAL
                        if prefix in {"EL"} and variant == 0
                        else (Tracking.LOT if prefix == "SN" else Tracking.NONE),
                    )
                )
    for p in products:
        p.save()
    return company
