"""Territories (销售区域): a team's territory is a list of regions — a big region (华东), a province (浙江省)
or a city (杭州市), separated by commas, 、 or spaces. A lead or customer without a team goes to the team
whose territory names its place most precisely: a city before a province before a big region."""

import re

# The seven big regions as Chinese companies divide the country for sales (七大区).
BIG_REGIONS = {
    "华北": "北京 天津 河北 山西 内蒙古",
    "东北": "辽宁 吉林 黑龙江",
    "华东": "上海 江苏 浙江 安徽 福建 江西 山东 台湾",
    "华中": "河南 湖北 湖南",
    "华南": "广东 广西 海南 香港 澳门",
    "西南": "重庆 四川 贵州 云南 西藏",
    "西北": "陕西 甘肃 青海 宁夏 新疆",
}
_SPLIT = re.compile(r"[,，、;；/\s]+")
_SUFFIX = re.compile(r"(?:壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|自治州|地区|省|市)$")


def place(name: str) -> str:
    """浙江省 → 浙江, 杭州市 → 杭州, 广西壮族自治区 → 广西 (an empty string stays empty)."""
    name = (name or "").strip()
    return _SUFFIX.sub("", name) or name


def regions(territory: str) -> list[str]:
    return [place(t) for t in _SPLIT.split(territory or "") if t.strip()]


def precision(territory: str, province: str, city: str) -> int:
    """How precisely the territory names the place: 3 the city, 2 the province, 1 its big region, 0 not."""
    cty = place(city)
    prov = place(province) or cty  # 上海, 北京: a city that is a province
    best = 0
    for r in regions(territory):
        if cty and r == cty:
            best = max(best, 3)
        elif prov and r == prov:
            best = max(best, 2)
        elif prov and prov in BIG_REGIONS.get(r, "").split():
            best = max(best, 1)
    return best


def best_match(teams, province: str, city: str):
    """The team (of those given, each with .territory) covering the place most precisely, or None."""
    scored = [(precision(t.territory, province, city), -i, t) for i, t in enumerate(teams)]
    scored = [s for s in scored if s[0] > 0]
    return max(scored, key=lambda s: s[:2])[2] if scored else None
