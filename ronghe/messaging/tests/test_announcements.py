"""Announcements (公告): to the company or to departments, pinned first, who has not read, acknowledgement;
only publishers publish; the page and the API."""

import pytest

from ronghe.core.errors import InvalidTransition, NotFound, PermissionDenied
from ronghe.core.services import api_token_create
from ronghe.messaging import selectors, services
from ronghe.org.models import Department
from ronghe.timeline.models import Notification

pytestmark = pytest.mark.django_db


def test_publish_read_acknowledge_and_who_has_not(demo_company, users):
    co = demo_company
    zw, wf, sunli = users["zhangwei"], users["wangfang"], users["sunli"]
    with pytest.raises(PermissionDenied):
        services.announcement_publish(company=co, actor=wf, data={"title": "越权"})
    fin = Department.objects.get(company=co, code="FIN")
    to_fin = services.announcement_publish(
        company=co,
        actor=zw,
        data={
            "title": "财务月结安排",
            "body": "<p>本月 28 日结账</p>",
            "audience": [f"dept:{fin.pk}"],
            "requires_ack": True,
        },
    )
    everyone = services.announcement_publish(
        company=co, actor=zw, data={"title": "全员：消防演练", "pinned": True}
    )
    assert set(to_fin.receipts.values_list("user__username", flat=True)) == {"sunli", "zhoumin"}
    assert everyone.receipts.count() >= 10
    assert Notification.objects.filter(user=sunli, title__contains="财务月结安排").exists()
    mine = list(selectors.announcement_list(user=sunli, company=co))
    assert mine[0] == everyone and to_fin in mine  # pinned first
    assert to_fin not in selectors.announcement_list(user=wf, company=co)
    with pytest.raises(NotFound):
        selectors.announcement_get_for_user(pk=to_fin.pk, user=wf, company=co)
    stats = selectors.announcement_stats(to_fin)
    assert (stats["read"], stats["total"]) == (0, 2) and {u.username for u in stats["unread"]} == {
        "sunli",
        "zhoumin",
    }
    services.announcement_read(announcement=to_fin, user=sunli)
    services.announcement_acknowledge(announcement=to_fin, user=users["zhoumin"])
    stats = selectors.announcement_stats(to_fin)
    assert (
        stats["read"] == 2
        and stats["acknowledged"] == 1
        and [u.username for u in stats["unacknowledged"]] == ["sunli"]
    )
    assert to_fin in selectors.announcements_pending(user=sunli, company=co)  # read, but not acknowledged
    with pytest.raises(InvalidTransition):
        services.announcement_acknowledge(announcement=everyone, user=sunli)
    services.announcement_withdraw(announcement=everyone, actor=zw)
    assert everyone not in selectors.announcement_list(user=sunli, company=co)


def test_announcement_pages_and_api(client, users, demo_company):
    client.force_login(users["wuxia"])  # HR publishes
    r = client.post(
        "/messaging/announcements/new/",
        {"title": "食堂菜单调整", "body": "<p>下周起增加晚餐</p>", "pinned": "on"},
    )
    assert r.status_code == 302
    r = client.post("/messaging/announcements/new/", {"title": ""})
    assert r.status_code == 422
    client.force_login(users["wangfang"])
    page = client.get("/messaging/announcements/").content.decode()
    assert "食堂菜单调整" in page and "公告" in page
    from ronghe.messaging.models import Announcement

    ann = Announcement.objects.get(title="食堂菜单调整")
    detail = client.get(ann.get_absolute_url()).content.decode()
    assert "下周起增加晚餐" in detail and "未读" not in detail  # no statistics for readers
    assert client.get("/messaging/announcements/new/").status_code in (403, 404)
    client.force_login(users["wuxia"])
    detail = client.get(ann.get_absolute_url()).content.decode()
    assert "已读" in detail and "王芳" not in detail.split("未读")[-1][:200]  # 王芳 read it
    token = api_token_create(user=users["zhangwei"], name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    r = client.post(
        "/api/v1/messaging/announcements",
        {"title": "API 公告", "requires_ack": True},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 201
    ann_id = r.json()["id"]
    wf = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=users['wangfang'], name='t')[1]}"}
    assert client.post(f"/api/v1/messaging/announcements/{ann_id}/ack", **wf).status_code == 204
    stats = client.get(f"/api/v1/messaging/announcements/{ann_id}/stats", **auth).json()
    assert stats["acknowledged"] == 1 and users["wangfang"].pk not in stats["unacknowledged_user_ids"]
    assert client.get(f"/api/v1/messaging/announcements/{ann_id}/stats", **wf).status_code == 404
