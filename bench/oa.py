"""OA: full-text search over 100,000 documents' text (jieba-segmented, SQLite FTS5 / PostgreSQL tsvector),
through the selector that filters by folder permission and with the raw index query beside it; and the
rooms' week calendar for 200 rooms through the page. Rows are bulk-inserted (not through the services)."""

import datetime
import random
import statistics
import time

from crm import _page, _row  # noqa: E402  (bench/ is on sys.path)

WORDS = (
    "采购 合同 销售 协议 框架 报价 发票 付款 交货 验收 质保 违约金 工控机 交换机 服务器 路由器 上海 北京 深圳 杭州 "
    "华东 华南 电气 自动化 科技 有限公司 年度 季度 会议 纪要 方案 评审 预算 审批 人事 薪酬 考勤 培训 制度 手册 "
    "客户 供应商 库存 仓库 物流 运输 退货 维修 保养 安装 调试 项目 进度 风险 里程碑 结算 对账 税率 增值税 专票"
).split()


def _library(company, admin, n: int):
    from ronghe.documents import services
    from ronghe.documents.models import Document, Folder, SearchEntry

    folder = Folder.objects.filter(company=company, name="BENCH 文档库", parent=None).first()
    if folder is None:
        folder = services.folder_create(company=company, actor=admin, name="BENCH 文档库")
    have = SearchEntry.objects.filter(company=company, folder_id_cache=folder.pk).count()
    if have >= n:
        return folder
    from ronghe.documents.extract import segment

    rnd = random.Random(42)
    # Text like real documents: a few domain words among many ordinary ones (a vocabulary of ~4,000 words made
    # of common characters), so a domain word is in some of the documents, not in all of them.
    chars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
    pool = sorted({rnd.choice(chars) + rnd.choice(chars) for _ in range(5000)} - set(WORDS))
    vocabulary = WORDS + pool
    tokens = {w: " ".join(segment(w)) for w in vocabulary}  # what the indexer stores for each word
    batch = 2000
    for start in range(have, n, batch):
        docs = Document.objects.bulk_create(
            [
                Document(company=company, folder=folder, name=f"BENCH-{i:06d}.txt")
                for i in range(start, min(n, start + batch))
            ]
        )
        entries = []
        for d in docs:
            words = rnd.choices(WORDS, k=6) + rnd.choices(pool, k=114)  # about 240 characters per document
            entries.append(
                SearchEntry(
                    company=company,
                    document=d,
                    folder_id_cache=folder.pk,
                    title=d.name.lower(),
                    body=" ".join(tokens[w] for w in words),
                )
            )
        SearchEntry.objects.bulk_create(entries)
    return folder


def _rooms(company, organizer, n_rooms: int, per_day: int):
    from django.utils import timezone

    from ronghe.meetings.models import Meeting, Occurrence, Room

    have = Room.objects.filter(company=company, name__startswith="BENCH 会议室").count()
    if have < n_rooms:
        Room.objects.bulk_create(
            [Room(company=company, name=f"BENCH 会议室 {i:03d}", capacity=8) for i in range(have, n_rooms)]
        )
    rooms = list(
        Room.objects.filter(company=company, name__startswith="BENCH 会议室").order_by("pk")[:n_rooms]
    )
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    tz = timezone.get_current_timezone()
    week_start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time()), tz)
    booked = set(
        Occurrence.objects.filter(room__in=rooms, start__gte=week_start).values_list("room_id", flat=True)
    )
    meetings, slots = [], []
    for r in [r for r in rooms if r.pk not in booked]:
        for d in range(7):
            for k in range(per_day):
                s = timezone.make_aware(
                    datetime.datetime.combine(monday + datetime.timedelta(days=d), datetime.time(9 + k * 2)),
                    tz,
                )
                meetings.append(
                    Meeting(
                        company=company,
                        title=f"BENCH 会议 {r.pk}-{d}-{k}",
                        organizer=organizer,
                        room=r,
                        start=s,
                        end=s + datetime.timedelta(hours=1),
                        uid=f"bench-{r.pk}-{d}-{k}@ronghe",
                    )
                )
                slots.append((r, s))
    made = Meeting.objects.bulk_create(meetings, batch_size=2000)
    Occurrence.objects.bulk_create(
        [
            Occurrence(company=company, meeting=m, room=r, start=s, end=s + datetime.timedelta(hours=1))
            for m, (r, s) in zip(made, slots, strict=True)
        ],
        batch_size=2000,
    )
    return rooms, monday


def run(company, quick: bool) -> list[dict]:
    from django.conf import settings
    from django.test import Client

    from ronghe.core.models import User
    from ronghe.documents import search, selectors

    settings.DEBUG = False
    admin, lina = User.objects.get(username="admin"), User.objects.get(username="lina")
    n_docs = 5_000 if quick else 100_000
    folder = _library(company, admin, n_docs)
    queries = ["合同", "违约金 交货", "工控机 上海 验收", "增值税 专票", "培训 手册"]
    selectors.search_library(user=admin, company=company, q="预热")  # load jieba's dictionary before timing
    n = 5 if quick else 20
    times, raw_times = [], []
    for i in range(n):
        q = queries[i % len(queries)]
        t = time.perf_counter()
        hits = selectors.search_library(user=admin, company=company, q=q, limit=20)
        times.append((time.perf_counter() - t) * 1000)
        assert hits, q
        t = time.perf_counter()
        search.match_ids(company_id=company.pk, q=q, folder_ids={folder.pk}, attachments=False, limit=20)
        raw_times.append((time.perf_counter() - t) * 1000)
    row = _row(f"document search ({n_docs:,} documents)", times, [0])
    row["queries"] = "-"
    row["raw_sql_p50_ms"] = statistics.median(raw_times)
    row["raw_sql_p95_ms"] = sorted(raw_times)[max(0, round(0.95 * (len(raw_times) - 1)))]
    rows = [row]
    n_rooms = 20 if quick else 200
    rooms, monday = _rooms(company, lina, n_rooms, per_day=4)
    client = Client()
    client.force_login(lina)
    times, counts = _page(client, f"/meetings/rooms/?view=week&date={monday}", n)
    rows.append(_row(f"rooms week calendar ({n_rooms} rooms)", times, counts))
    return rows
