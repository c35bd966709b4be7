"""Base data every installation needs (currencies, units), created after migrate. Idempotent."""

from decimal import Decimal

CURRENCIES = [
    ("CNY", "人民币", "¥", 2),
    ("USD", "美元", "$", 2),
    ("EUR", "欧元", "€", 2),
    ("HKD", "港币", "HK$", 2),
    ("JPY", "日元", "¥", 0),
    ("GBP", "英镑", "£", 2),
]

# (category code, category name, [(unit code, name, factor)]) — factor relative to the first unit.
UNITS = [
    (
        "unit",
        "数量",
        [
            ("pcs", "个", "1"),
            ("set", "台", "1"),
            ("piece", "件", "1"),
            ("kit", "套", "1"),
            ("sheet", "张", "1"),
            ("pack", "包", "1"),
            ("dozen", "打", "12"),
            ("box", "箱", "12"),
        ],
    ),
    (
        "weight",
        "重量",
        [("kg", "千克", "1"), ("g", "克", "0.001"), ("t", "吨", "1000"), ("jin", "斤", "0.5")],
    ),
    (
        "length",
        "长度",
        [("m", "米", "1"), ("cm", "厘米", "0.01"), ("mm", "毫米", "0.001"), ("km", "千米", "1000")],
    ),
    ("volume", "体积", [("l", "升", "1"), ("ml", "毫升", "0.001"), ("m3", "立方米", "1000")]),
    ("time", "工时", [("hour", "小时", "1"), ("day", "天", "8"), ("month_", "人月", "176")]),
]


def ensure_base_data(**kwargs) -> None:
    from .models import Currency, Unit, UnitCategory

    for code, name, symbol, decimals in CURRENCIES:
        Currency.objects.get_or_create(
            code=code, defaults={"name": name, "symbol": symbol, "decimals": decimals}
        )
    for cat_code, cat_name, units in UNITS:
        cat, _ = UnitCategory.objects.get_or_create(code=cat_code, defaults={"name": cat_name})
        for code, name, factor in units:
            Unit.objects.get_or_create(
                code=code,
                defaults={
                    "category": cat,
                    "name": name,
                    "factor": Decimal(factor),
                    "rounding": Decimal("1") if cat_code == "unit" else Decimal("0.0001"),
                },
            )
